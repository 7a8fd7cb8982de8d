// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** A small, sound readings plug-in for the suite to pass: {@code meter} prints "id value unit" lines. */
@Component
@SubsystemType(ecosystem = "toymeter", displayName = "Toy meter", os = "linux", defaultIntervalSeconds = 600,
        kind = SubsystemKind.METRICS)
public class ToyMeterDescriptor implements SubsystemDescriptor {

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.SEMVER;
    }

    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        parseReadings(output);
        return List.of();
    }

    @Override
    public List<ReadingDTO> parseReadings(String output) throws ScanException {
        if (output.length() > 1_000_000) {
            throw new ScanException("a meter listing of " + output.length() + " characters is not one");
        }
        List<ReadingDTO> out = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].matches("[a-z][a-z0-9.]*") && f[1].matches("-?[0-9]{1,12}(\\.[0-9]{1,6})?")) {
                out.add(reading(f[0], Double.parseDouble(f[1]), f[2]));
            }
        }
        if (out.isEmpty()) {
            throw new ScanException("no \"id value unit\" line");
        }
        return out;
    }

    /** One reading; what the suite's broken variants change. */
    protected ReadingDTO reading(String id, double value, String unit) {
        return ReadingDTO.of(id, value, unit, value > 90 ? Severity.IMPORTANT : Severity.LOW);
    }
}
