// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Describes the "storage" ecosystem: file-system usage reported as one record per file system. */
@Component(service = SubsystemDescriptor.class)
public final class StorageDescriptor extends MetricsDescriptor {

    /** The ecosystem id, shared with {@link StorageScanner}'s {@code scanner.ecosystem}. */
    static final String ECOSYSTEM = "storage";

    public StorageDescriptor() {
        super(ECOSYSTEM, "Storage (file-system usage)", Duration.ofMinutes(15));
    }

    /** Parses {@code LC_ALL=C df -P -k} output; pseudo file systems are left out, as the scanner does. */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return StorageMetrics.assess(DfParser.parse(output)).updates();
    }
}
