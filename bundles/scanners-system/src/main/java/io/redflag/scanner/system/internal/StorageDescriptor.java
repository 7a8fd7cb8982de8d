// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.propertytypes.SubsystemType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Describes the "storage" ecosystem: file-system usage reported as one record per file system. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = StorageDescriptor.ECOSYSTEM, displayName = "Storage (file-system usage)", os = {"linux", "windows", "darwin"},
        defaultIntervalSeconds = 15 * 60, kind = SubsystemKind.METRICS)
public final class StorageDescriptor extends MetricsDescriptor {

    /** The ecosystem id, shared with {@link StorageScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "storage";

    /** Parses {@code LC_ALL=C df -P -k} output; pseudo file systems are left out, as the scanner does. */
    @Override
    public List<ReadingDTO> parseReadings(String output) throws ScanException {
        return StorageMetrics.assess(DfParser.parse(output)).readings();
    }
}
