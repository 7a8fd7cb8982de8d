// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.example.redflag.flatpak.internal.FlatpakRefs.Ref;
import org.example.redflag.flatpak.internal.FlatpakTables.Available;
import org.example.redflag.flatpak.internal.FlatpakTables.Installed;

/**
 * Updates and plans from what flatpak listed. Flatpak has no dry run (an interactive {@code flatpak update} with its
 * question answered "no" stops at the first question, before it shows the whole transaction), so the plan is worked out
 * here the way flatpak 1.14 builds its transaction, as the captures show it ({@code v2-install.stdout}):
 * <ul>
 * <li>each requested ref with an update: UPGRADE from the installed build to the listed one;</li>
 * <li>its related extensions with an update ({@code runtime/ID.Locale}, {@code ID.Debug}, a runtime's {@code .GL.*}: a
 * runtime whose id starts with the ref's id and a dot, same architecture): flatpak updates them with it;</li>
 * <li>for an app, the runtime its new build names: UPGRADE when that runtime is installed and has an update (flatpak
 * updates it too, even if other apps use it), INSTALL when it is not installed, to the commit its remote has now.</li>
 * </ul>
 * Every version in the plan names its commit, so the plan's hash binds the exact builds.
 */
final class FlatpakPlans {

    private FlatpakPlans() {
    }

    /** The scan's updates: one per listed ref, with the installed build beside the available one. */
    static List<PackageUpdateDTO> updates(List<Installed> installed, List<Available> available) {
        Map<String, Installed> byRef = byPartialRef(installed);
        List<PackageUpdateDTO> out = new ArrayList<>();
        for (Available a : available) {
            Installed i = byRef.get(a.ref().partial());
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = a.ref().full();
            u.name = i != null && i.name() != null ? i.name() : a.ref().id();
            u.installedVersion = i == null ? null : FlatpakVersions.format(i.version(), i.commit());
            u.availableVersion = FlatpakVersions.format(a.version(), a.commit());
            u.source = a.origin();
            u.architecture = a.ref().arch();
            u.downloadSize = a.downloadSize();
            out.add(u);
        }
        return out;
    }

    /** Runtimes the new builds of the requested apps need and this installation does not have: runtime ref → remote. */
    static Map<String, String> missingRuntimes(List<String> requested, List<Installed> installed, List<Available> available) {
        Map<String, Installed> have = byPartialRef(installed);
        Map<String, Available> updates = byFullRef(available);
        Map<String, String> missing = new LinkedHashMap<>();
        for (String id : requested) {
            Available a = updates.get(id);
            if (a != null && a.ref().isApp() && a.runtime() != null && !have.containsKey(a.runtime().partial())) {
                missing.putIfAbsent("runtime/" + a.runtime().partial(), a.origin());
            }
        }
        return missing;
    }

    /**
     * The plan for the requested refs. {@code newRuntimeCommits} holds the commit the remote offers for each of
     * {@link #missingRuntimes} (absent when it could not be read).
     */
    static TransactionPlanDTO plan(List<String> requested, List<Installed> installed, List<Available> available,
            Map<String, String> newRuntimeCommits) {
        Map<String, Installed> have = byPartialRef(installed);
        Map<String, Available> updates = byFullRef(available);
        TransactionPlanDTO plan = new TransactionPlanDTO();
        plan.requested.addAll(requested);
        Map<String, PackageChangeDTO> changes = new LinkedHashMap<>();
        Set<String> notes = new LinkedHashSet<>();
        Deque<Available> todo = new ArrayDeque<>();
        for (String id : requested) {
            Available a = updates.get(id);
            if (a != null) {
                todo.add(a);
            } else {
                Ref ref = FlatpakRefs.full(id);
                notes.add(ref != null && have.containsKey(ref.partial()) ? id + " is up to date"
                        : id + " is not installed in this installation: nothing to update");
            }
        }
        while (!todo.isEmpty()) {
            Available a = todo.poll();
            if (changes.containsKey(a.ref().full())) {
                continue;
            }
            changes.put(a.ref().full(), upgrade(a, have.get(a.ref().partial())));
            for (Available other : available) {
                if (isRelated(other.ref(), a.ref()) && !changes.containsKey(other.ref().full())) {
                    todo.add(other);
                    if (!requested.contains(other.ref().full())) {
                        notes.add(other.ref().full() + " is updated with " + a.ref().full() + " (an extension of it)");
                    }
                }
            }
            if (a.ref().isApp() && a.runtime() != null) {
                String runtime = "runtime/" + a.runtime().partial();
                Available update = updates.get(runtime);
                if (update != null) {
                    todo.add(update);
                    if (!requested.contains(runtime)) {
                        notes.add(runtime + " is updated with " + a.ref().full() + " (its runtime)");
                    }
                } else if (!have.containsKey(a.runtime().partial()) && !changes.containsKey(runtime)) {
                    String commit = newRuntimeCommits.get(runtime);
                    PackageChangeDTO install = PackageChangeDTO.of(ChangeAction.INSTALL, runtime, null,
                            FlatpakVersions.format(null, commit));
                    install.architecture = a.runtime().arch();
                    install.source = a.origin();
                    changes.put(runtime, install);
                    notes.add(runtime + " is installed for " + a.ref().full() + " from " + a.origin() + (commit == null
                            ? " (its commit could not be read)" : "") + "; extensions it brings (drivers, translations) "
                            + "come with it and are not listed");
                }
            }
        }
        plan.changes.addAll(changes.values());
        plan.notes.addAll(notes);
        return plan;
    }

    /** An extension flatpak updates together with {@code of}: a runtime named {@code of}'s id plus a dot and more. */
    static boolean isRelated(Ref candidate, Ref of) {
        return !candidate.isApp() && candidate.arch().equals(of.arch()) && candidate.id().startsWith(of.id() + ".");
    }

    private static PackageChangeDTO upgrade(Available a, Installed from) {
        PackageChangeDTO c = PackageChangeDTO.of(ChangeAction.UPGRADE, a.ref().full(),
                from == null ? null : FlatpakVersions.format(from.version(), from.commit()),
                FlatpakVersions.format(a.version(), a.commit()));
        c.architecture = a.ref().arch();
        c.source = a.origin();
        return c;
    }

    static Map<String, Installed> byPartialRef(List<Installed> installed) {
        Map<String, Installed> m = new LinkedHashMap<>();
        installed.forEach(i -> m.putIfAbsent(i.ref().partial(), i));
        return m;
    }

    static Map<String, Available> byFullRef(List<Available> available) {
        Map<String, Available> m = new LinkedHashMap<>();
        available.forEach(a -> m.putIfAbsent(a.ref().full(), a));
        return m;
    }
}
