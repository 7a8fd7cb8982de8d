package ${package}.internal;

import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import io.redflag.version.VersionOrderings;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * What the ${displayName} subsystem is — active on the server (its catalog) and on the agent (its registry): its
 * service properties, how its versions order, and how its tool's output reads.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = ${classPrefix}Descriptor.ECOSYSTEM, displayName = "${displayName}", os = "linux",
        defaultIntervalSeconds = 6 * 3600)
public final class ${classPrefix}Descriptor implements SubsystemDescriptor {

    static final String ECOSYSTEM = "${ecosystem}";

    @Override
    public VersionOrdering versionOrdering() {
        return VersionOrderings.SEMVER; // pick the one your ecosystem's versions follow (DPKG, RPM, SEMVER), or write one
    }

    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return ${classPrefix}ListParser.parse(output);
    }

    /** The tool cannot simulate an upgrade: the plan is the listed upgrade of each package. */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (PackageUpdateDTO u : ${classPrefix}ListParser.parse(output)) {
            plan.changes.add(PackageChangeDTO.of(io.redflag.scanner.ChangeAction.UPGRADE, u.id, u.installedVersion,
                    u.availableVersion));
        }
        return plan;
    }
}
