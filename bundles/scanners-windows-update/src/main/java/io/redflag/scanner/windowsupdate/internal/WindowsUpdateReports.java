// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.windowsupdate.internal.WuaJson.Category;
import io.redflag.scanner.windowsupdate.internal.WuaJson.InstallOutcome;
import io.redflag.scanner.windowsupdate.internal.WuaJson.UpdateResult;
import io.redflag.scanner.windowsupdate.internal.WuaJson.WuaUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps what the Windows Update Agent (or PSWindowsUpdate's table) says to the platform's DTOs. The id of
 * an update is its UpdateID (a GUID, stable across revisions and languages) when known, else its KB id.
 */
final class WindowsUpdateReports {

    /** WSUS/Windows Update classification "Security Updates"; names are localised, this GUID is not. */
    static final String SECURITY_UPDATES = "0fa1201d-4330-4fa8-8ae9-b877473b6441";
    static final String CLASSIFICATION = "UpdateClassification";

    /** OperationResultCode: orcSucceeded, orcSucceededWithErrors. */
    static final int SUCCEEDED = 2;
    static final int SUCCEEDED_WITH_ERRORS = 3;

    private WindowsUpdateReports() {}

    /** Pending updates; an update with neither UpdateID nor KB id cannot be asked for and is left out. */
    static List<PackageUpdateDTO> updates(List<WuaUpdate> updates) {
        List<PackageUpdateDTO> list = new ArrayList<>();
        for (WuaUpdate u : updates) {
            String id = id(u);
            if (id == null) {
                continue;
            }
            PackageUpdateDTO dto = new PackageUpdateDTO();
            dto.id = id;
            dto.name = u.title();
            dto.availableVersion = u.revision() == null ? null : u.revision().toString();
            dto.source = u.categories().stream().filter(c -> CLASSIFICATION.equals(c.type())).map(Category::name)
                    .findFirst().orElse(null);
            dto.severity = Severity.fromLabel(u.msrcSeverity());
            dto.security = dto.severity != Severity.UNKNOWN
                    || u.categories().stream().anyMatch(c -> SECURITY_UPDATES.equalsIgnoreCase(c.id()));
            dto.advisories.addAll(kbIds(u.kbs()));
            dto.cves.addAll(u.cves());
            dto.downloadSize = u.maxDownloadSize();
            // RebootBehavior 1 = always requires a restart, 2 = can request one: both may need a reboot
            dto.rebootRequired = u.rebootRequired() || u.rebootBehavior() != 0;
            list.add(dto);
        }
        return list;
    }

    /** Updates from PSWindowsUpdate's table: pending ones only (not installed, not hidden), id = KB id. */
    static List<PackageUpdateDTO> tableUpdates(List<PsWindowsUpdateTable.Row> rows) {
        List<PackageUpdateDTO> list = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PsWindowsUpdateTable.Row row : rows) {
            // no KB id (drivers, or a KB cut by a narrow column): nothing to ask for; a KB listed twice: once
            if (row.isInstalled() || row.isHidden() || row.kb() == null || !seen.add(row.kb())) {
                continue;
            }
            PackageUpdateDTO dto = new PackageUpdateDTO();
            dto.id = row.kb();
            dto.name = row.title();
            dto.advisories.add(row.kb());
            dto.downloadSize = PsWindowsUpdateTable.bytes(row.size());
            dto.rebootRequired = row.rebootRequired();
            list.add(dto);
        }
        return list;
    }

    /**
     * The plan: what the agent reports it would install, one INSTALL per update, named by its KB id (by
     * title when it has none), toVersion its revision, source its UpdateID. Windows updates have no
     * installed version to upgrade from, so there is no UPGRADE.
     */
    static TransactionPlanDTO plan(List<PackageUpdateDTO> updates) {
        TransactionPlanDTO plan = new TransactionPlanDTO();
        for (PackageUpdateDTO u : updates) {
            String name = u.advisories.isEmpty() ? u.name : String.join(",", u.advisories);
            PackageChangeDTO change = PackageChangeDTO.of(ChangeAction.INSTALL, name, null, u.availableVersion);
            change.source = u.id;
            plan.changes.add(change);
            plan.requested.add(u.id);
        }
        return plan;
    }

    /** Sets the requested ids and notes those the agent no longer offers. */
    static TransactionPlanDTO requested(TransactionPlanDTO plan, List<PackageUpdateDTO> updates, List<String> ids) {
        plan.requested.clear();
        plan.requested.addAll(ids);
        for (String id : ids) {
            if (updates.stream().noneMatch(u -> matches(u.id, u.advisories, id))) {
                plan.notes.add(id + ": Windows Update does not offer this update (installed, hidden or superseded?)");
            }
        }
        return plan;
    }

    /** install.ps1's outcome for the requested ids. */
    static InstallResultDTO installResult(InstallOutcome outcome, List<String> ids, int exitCode, String output) {
        InstallResultDTO result = new InstallResultDTO();
        result.exitCode = exitCode;
        result.output = output;
        result.rebootRequired = outcome.rebootRequired()
                || outcome.updates().stream().anyMatch(UpdateResult::rebootRequired);
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            UpdateResult r = outcome.updates().stream().filter(u -> matches(u.updateId(), kbIds(u.kbs()), id))
                    .findFirst().orElse(null);
            if (r == null) {
                failed.add(id + " (not offered)");
            } else if (r.resultCode() == SUCCEEDED || r.resultCode() == SUCCEEDED_WITH_ERRORS) {
                result.installed.add(id);
            } else {
                failed.add(id + " (" + resultName(r.resultCode()) + (r.hresult() == null ? "" : ", " + r.hresult()) + ")");
            }
        }
        result.success = failed.isEmpty();
        result.message = "installed " + result.installed.size() + " of " + ids.size()
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed))
                + (result.rebootRequired ? "; a restart is needed to finish" : "");
        return result;
    }

    static String resultName(int code) {
        switch (code) {
            case 0: return "not started";
            case 1: return "in progress";
            case 2: return "succeeded";
            case 3: return "succeeded with errors";
            case 4: return "failed";
            case 5: return "aborted";
            default: return "result " + code;
        }
    }

    private static String id(WuaUpdate u) {
        if (u.updateId() != null) {
            return u.updateId();
        }
        List<String> kbs = kbIds(u.kbs());
        return kbs.isEmpty() ? null : kbs.get(0);
    }

    private static boolean matches(String updateId, List<String> kbs, String id) {
        return id.equalsIgnoreCase(updateId) || kbs.stream().anyMatch(id::equalsIgnoreCase);
    }

    /** "5034441" → "KB5034441" (KBArticleIDs holds the bare number). */
    static List<String> kbIds(List<String> kbs) {
        Set<String> ids = new LinkedHashSet<>();
        for (String kb : kbs) {
            String k = kb.strip().toUpperCase(Locale.ROOT);
            ids.add(k.startsWith("KB") ? k : "KB" + k);
        }
        return new ArrayList<>(ids);
    }
}
