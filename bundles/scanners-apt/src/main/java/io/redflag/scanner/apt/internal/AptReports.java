// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.apt.internal.AptListParser.Listing;
import io.redflag.scanner.apt.internal.AptSimulationParser.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns parsed apt output into the platform's DTOs; shared by the descriptor and the scanner. */
final class AptReports {

    private AptReports() {}

    /**
     * The scan report: the listing without the updates apt defers because of a phased roll-out,
     * with notes for those and for kept-back packages.
     *
     * @param simulation {@code apt-get -s upgrade}, or null when it could not be run
     * @param phasedByPolicy kept-back packages whose candidate {@code apt-cache policy} marks as phased
     */
    static ScanReportDTO scanReport(Listing listing, Simulation simulation, Set<String> phasedByPolicy) {
        Set<String> deferred = new LinkedHashSet<>(phasedByPolicy);
        Set<String> kept = new LinkedHashSet<>();
        if (simulation != null) {
            deferred.addAll(simulation.deferredByPhasing());
            kept.addAll(simulation.keptBack());
        }
        kept.removeAll(deferred);
        List<PackageUpdateDTO> offered = new ArrayList<>();
        List<String> notes = new ArrayList<>(listing.notes());
        for (PackageUpdateDTO u : listing.updates()) {
            if (deferred.contains(u.id)) {
                // apt will not offer it to this host yet; listing it would ask the operator to approve
                // an update that `apt-get upgrade` skips
                notes.add(u.id + " " + u.availableVersion + " is a phased update not yet offered to this host;"
                        + " left out until apt offers it");
            } else {
                offered.add(u);
            }
        }
        for (String name : kept) {
            notes.add(name + " is kept back: a plain upgrade leaves it alone (held, or it needs packages"
                    + " installed or removed); its dry run shows what installing it would change");
        }
        ScanReportDTO report = ScanReportDTO.of(offered);
        report.notes = notes;
        return report;
    }

    /** The plan of an {@code apt-get -s install …} run, without its hash. */
    static TransactionPlanDTO plan(Simulation simulation, List<String> requested) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested = new ArrayList<>(requested);
        plan.changes = new ArrayList<>(simulation.changes());
        plan.notes = new ArrayList<>(simulation.notes());
        if (!simulation.heldChanged().isEmpty()) {
            plan.notes.add("held packages would be changed: " + String.join(" ", simulation.heldChanged()));
        }
        if (!simulation.keptBack().isEmpty()) {
            plan.notes.add("kept back: " + String.join(" ", simulation.keptBack()));
        }
        if (!simulation.deferredByPhasing().isEmpty()) {
            plan.notes.add("deferred by phasing: " + String.join(" ", simulation.deferredByPhasing()));
        }
        return plan;
    }
}
