// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.example.redflag.flatpak.internal.FlatpakRefs.Ref;

/**
 * What an install reached, from the active commits before and after it and the commits remote-ls offered just before.
 * A requested ref counts as installed when it is now at the offered commit; one that moved elsewhere (the remote moved
 * on during the install) or did not move is a problem, said by name. Refs flatpak updated with the requested ones
 * (their extensions and runtimes) count as installed too when they reached their offered commit. A requested ref that
 * had no update and did not change is neither (the platform's plan check keeps such installs from running at all).
 */
record FlatpakInstallCheck(List<String> installed, List<String> problems, List<String> unchanged) {

    /**
     * @param requested full refs asked for
     * @param targets   full ref → the commit remote-ls offered before the install (short form)
     * @param before    partial ref → active commit before
     * @param after     partial ref → active commit after (empty when it could not be read)
     */
    static FlatpakInstallCheck of(List<String> requested, Map<String, String> targets, Map<String, String> before,
            Map<String, String> after) {
        List<String> installed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        if (after.isEmpty()) {
            problems.add("the installed refs could not be listed after the install: nothing is known to be installed");
            return new FlatpakInstallCheck(installed, problems, unchanged);
        }
        for (String id : requested) {
            String partial = FlatpakRefs.full(id).partial();
            String target = targets.get(id);
            String now = after.get(partial);
            String was = before.get(partial);
            if (now == null) {
                problems.add(id + " is not installed");
            } else if (target != null && now.equals(target)) {
                installed.add(id);
            } else if (target != null) {
                problems.add(id + " is at " + now + ", not at the planned " + target);
            } else if (was != null && !was.equals(now)) {
                installed.add(id); // no target was known (remote-ls failed before): it changed, that is all we can say
            } else if (was != null) {
                unchanged.add(id);
            } else {
                problems.add(id + " was not installed before and is now at " + now);
            }
        }
        for (Map.Entry<String, String> t : targets.entrySet()) {
            Ref ref = FlatpakRefs.full(t.getKey());
            if (!requested.contains(t.getKey()) && ref != null && t.getValue().equals(after.get(ref.partial()))) {
                installed.add(t.getKey());
            }
        }
        return new FlatpakInstallCheck(List.copyOf(installed), List.copyOf(problems), List.copyOf(unchanged));
    }

    /** Empty, or "; " and the problems: to follow a message about the command itself. */
    String summary() {
        return problems.isEmpty() ? "" : "; " + String.join("; ", problems);
    }

    /** The message of an install flatpak completed. */
    String message() {
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        String done = installed.isEmpty() ? "nothing was updated" : "updated " + String.join(", ", installed);
        return unchanged.isEmpty() ? done : done + "; no update for " + String.join(", ", unchanged);
    }
}
