// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.winget.internal.WingetTableParser.Listing;
import io.redflag.scanner.winget.internal.WingetTableParser.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns winget's rows into the platform's DTOs. Everything is keyed by the winget Id, never the display
 * name: names are cut by winget and are not unique, and {@code winget upgrade --id X --exact} is what
 * installs.
 * <p>
 * Packages from the "require explicit targeting" table ARE reported and planned: winget leaves them out
 * of {@code upgrade --all} because their manifest asks for it, but this plug-in always upgrades one
 * explicit Id at a time, and the operator approves each. A note names them.
 */
final class WingetReports {

    private WingetReports() {}

    /** The updates of a listing (rows whose Id winget cut are left out: they cannot be installed). */
    static List<PackageUpdateDTO> updates(Listing listing) {
        List<PackageUpdateDTO> updates = new ArrayList<>();
        for (Row row : usableRows(listing).values()) {
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = row.id();
            u.name = row.name();
            // kept as printed: "Unknown", "< 1.2" and "> 2.0" are what winget knows about the installed version
            u.installedVersion = row.version();
            u.availableVersion = row.available();
            u.source = row.source();
            updates.add(u);
        }
        return updates;
    }

    /** A scan report with the updates and everything worth telling the operator about them. */
    static ScanReportDTO report(Listing listing) {
        ScanReportDTO report = ScanReportDTO.of(updates(listing));
        report.notes.addAll(notes(listing));
        long cut = listing.rows().stream().filter(Row::idTruncated).map(Row::id).distinct().count();
        if (cut > 0) {
            // an upgrade is missing from the report, so it is not complete: say how many and why
            report.status = ScanStatus.PARTIAL;
            report.message = cut + " upgrade(s) left out: winget cut their Ids to fit the console, and a cut Id"
                    + " cannot be upgraded (the notes name them)";
        }
        return report;
    }

    /** The plan winget's listing implies: one UPGRADE per usable row, from Version to Available. */
    static TransactionPlanDTO plan(Listing listing) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (Row row : usableRows(listing).values()) {
            PackageChangeDTO change = PackageChangeDTO.of(ChangeAction.UPGRADE, row.id(), row.version(), row.available());
            change.source = row.source();
            plan.changes.add(change);
            plan.requested.add(row.id());
        }
        plan.notes.addAll(notes(listing));
        return plan;
    }

    /**
     * Narrows a plan to the requested Ids (winget has no simulation: the plan of "upgrade X" is the
     * listed upgrade of X). A requested Id winget does not list is said in a note; it has no change, so
     * the plan's hash differs from one approved while it was listed.
     */
    static TransactionPlanDTO restrict(TransactionPlanDTO all, List<String> ids) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested.addAll(ids);
        Set<String> wanted = new LinkedHashSet<>(ids);
        for (PackageChangeDTO c : all.changes) {
            if (wanted.remove(c.name)) {
                plan.changes.add(c);
            }
        }
        for (String missing : wanted) {
            plan.notes.add(missing + ": winget lists no upgrade for this Id");
        }
        for (String note : all.notes) {
            if (ids.stream().anyMatch(note::contains)) {
                plan.notes.add(note);
            }
        }
        return plan;
    }

    private static Map<String, Row> usableRows(Listing listing) {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Row row : listing.rows()) {
            if (!row.idTruncated()) {
                // winget may list one Id twice (two installed versions); the first line is the one it upgrades
                byId.putIfAbsent(row.id(), row);
            }
        }
        return byId;
    }

    private static List<String> notes(Listing listing) {
        List<String> notes = new ArrayList<>();
        List<String> explicit = new ArrayList<>();
        for (Row row : listing.rows()) {
            if (row.idTruncated()) {
                notes.add("winget cut the Id of '" + row.name() + "' to '" + row.id() + "' because the console was"
                        + " too narrow; it is left out until winget prints it whole (winget 1.6 or later does not"
                        + " cut output written to a pipe)");
            } else if (row.explicitTargeting()) {
                explicit.add(row.id());
            }
        }
        if (!explicit.isEmpty()) {
            notes.add("require explicit targeting (left out of 'winget upgrade --all', upgraded here by Id once"
                    + " approved): " + String.join(", ", explicit));
        }
        notes.addAll(listing.notes());
        return notes;
    }
}
