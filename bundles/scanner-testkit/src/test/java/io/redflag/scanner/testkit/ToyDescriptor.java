// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** A small, sound plug-in for the suite to pass: "name installed available" lines; "upgrade name from to" plans. */
@Component
@SubsystemType(ecosystem = "toy", displayName = "Toy packages", os = "linux", defaultIntervalSeconds = 3600)
public class ToyDescriptor implements SubsystemDescriptor {

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.SEMVER;
    }

    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        if (output.length() > 1_000_000) {
            throw new ScanException("a listing of " + output.length() + " characters is not a toy listing");
        }
        List<PackageUpdateDTO> out = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].matches("[a-z][a-z0-9-]*")) {
                PackageUpdateDTO u = new PackageUpdateDTO();
                u.id = f[0];
                u.name = f[0];
                u.installedVersion = f[1];
                u.availableVersion = f[2];
                out.add(u);
            }
        }
        return out;
    }

    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (String line : output.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 4 && f[0].equals("upgrade")) {
                plan.changes.add(PackageChangeDTO.of(ChangeAction.UPGRADE, f[1], f[2], f[3]));
            }
        }
        return plan;
    }
}
