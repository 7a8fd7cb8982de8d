// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples.windows;

import io.redflag.plugins.samples.ToyTool;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** A well-made plug-in for another OS than the build's. */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = "toy-windows", displayName = "Toy (windows)", os = "windows",
        defaultIntervalSeconds = 3600)
public final class WindowsDescriptor implements SubsystemDescriptor {

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.SEMVER;
    }

    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return ToyTool.parse(output);
    }
}
