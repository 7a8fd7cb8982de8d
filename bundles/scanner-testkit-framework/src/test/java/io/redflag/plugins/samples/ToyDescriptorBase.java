// SPDX-License-Identifier: Apache-2.0
package io.redflag.plugins.samples;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.List;

/** What every sample descriptor does; the variants' components differ only in their annotations. */
public abstract class ToyDescriptorBase implements SubsystemDescriptor {

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.SEMVER;
    }

    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return ToyTool.parse(output);
    }
}
