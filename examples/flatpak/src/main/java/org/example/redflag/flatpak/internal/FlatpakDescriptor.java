// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import java.util.List;
import java.util.Map;
import org.example.redflag.flatpak.internal.FlatpakTables.Step;
import org.osgi.service.component.annotations.Component;

/**
 * What the Flatpak subsystem is — active on the server (its catalog) and on the agent (its registry): its service
 * properties, how its versions order, and how flatpak's output reads.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = FlatpakDescriptor.ECOSYSTEM, displayName = "Flatpak", os = "linux",
        defaultIntervalSeconds = 6 * 3600)
public final class FlatpakDescriptor implements SubsystemDescriptor {

    static final String ECOSYSTEM = "flatpak";

    /** Versions are "VERSION (COMMIT)": see {@link FlatpakVersions} for what their order means (and does not). */
    @Override
    public VersionOrdering versionOrdering() {
        return FlatpakVersions.Ordering.INSTANCE;
    }

    @Override
    public Map<String, String> defaultConfiguration() {
        return FlatpakCommands.DEFAULTS;
    }

    /**
     * Reads {@code flatpak remote-ls --updates --all --columns=ref,origin,commit,version,download-size,runtime}: the
     * available builds. The installed ones come from another command ({@code flatpak list}), so installed versions stay
     * null here; the scanner fills them in.
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return FlatpakPlans.updates(List.of(), FlatpakTables.updates(output));
    }

    /**
     * Flatpak has no dry run. What is read instead is an install's output ({@code flatpak update -y --noninteractive}):
     * the transaction flatpak carried out, one change per "Updating REF" or "Installing REF" line, without versions (it
     * prints none); its other lines are notes. Text with lines but no such line, and no "Nothing to do.", is refused.
     */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        List<Step> steps = FlatpakTables.steps(output);
        List<String> other = FlatpakTables.otherLines(output);
        if (steps.isEmpty() && !other.isEmpty() && !other.contains("Nothing to do.")) {
            String first = other.get(0);
            throw new ScanException("not the output of flatpak update -y --noninteractive: no line names a step, the first "
                    + "one reads '" + (first.length() > 80 ? first.substring(0, 80) + "…" : first) + "'");
        }
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (Step s : steps) {
            ChangeAction action = switch (s.verb()) {
                case "Installing" -> ChangeAction.INSTALL;
                case "Uninstalling" -> ChangeAction.REMOVE;
                default -> ChangeAction.UPGRADE;
            };
            PackageChangeDTO c = PackageChangeDTO.of(action, s.ref().full(), null, null);
            c.architecture = s.ref().arch();
            plan.changes.add(c);
        }
        plan.notes.addAll(other);
        return plan;
    }
}
