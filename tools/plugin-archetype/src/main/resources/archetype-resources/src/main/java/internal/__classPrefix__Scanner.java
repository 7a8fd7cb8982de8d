package ${package}.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs ${tool} on the agent's host, through the platform's CommandRunner and always within the context's deadline. */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = ${classPrefix}Descriptor.ECOSYSTEM)
@AgentOnly
public final class ${classPrefix}Scanner implements PackageScanner {

    static final List<String> LIST = List.of("${tool}", "list-upgrades");
    static final List<String> UPGRADE = List.of("${tool}", "upgrade");

    private final CommandRunner runner;

    @Activate
    public ${classPrefix}Scanner(@Reference(name = "runner") CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        CommandResult r = runner.run(ctx.deadline(), LIST, Map.of());
        if (r.toolMissing()) {
            return ScanReportDTO.toolMissing("${tool}");
        }
        if (r.timedOut) {
            return ScanReportDTO.failed("${tool} list-upgrades did not finish before the deadline");
        }
        if (r.exitCode != 0) {
            return ScanReportDTO.failed("${tool} list-upgrades exited with code " + r.exitCode);
        }
        return ScanReportDTO.of(${classPrefix}ListParser.parse(r.stdout));
    }

    /** The plan: the listed upgrade of exactly the requested packages (the tool cannot simulate). */
    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        CommandResult r = runner.run(ctx.deadline(), LIST, Map.of());
        if (r.toolMissing() || r.timedOut || r.exitCode != 0) {
            throw new ScanException("${tool} list-upgrades " + (r.toolMissing() ? "is not installed"
                    : r.timedOut ? "did not finish before the deadline" : "exited with code " + r.exitCode));
        }
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested.addAll(packages);
        for (PackageUpdateDTO u : ${classPrefix}ListParser.parse(r.stdout)) {
            if (packages.contains(u.id)) {
                plan.changes.add(io.redflag.scanner.PackageChangeDTO.of(io.redflag.scanner.ChangeAction.UPGRADE, u.id,
                        u.installedVersion, u.availableVersion));
            }
        }
        return plan;
    }

    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        for (String id : packages) {
            if (id.startsWith("-") || id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
                throw new ScanException("not a package name: '" + id + "'");
            }
        }
        List<String> command = new ArrayList<>(UPGRADE);
        command.addAll(packages);
        CommandResult r = runner.run(ctx.deadline(), command, Map.of());
        InstallResultDTO out = new InstallResultDTO();
        out.exitCode = r.exitCode;
        out.success = r.exitCode == 0 && !r.timedOut;
        out.message = out.success ? "upgraded " + String.join(", ", packages)
                : r.timedOut ? "${tool} upgrade did not finish before the deadline" : "${tool} upgrade exited with code " + r.exitCode;
        out.output = InstallResultDTO.excerpt(r.stdout);
        return out;
    }
}
