// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.AgentAction;
import io.redflag.protocol.CommandType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What this agent lets the server make it do, from its own local configuration ({@code --accept}), which no command
 * can change. Scans are always accepted. {@code monitor} means scans only; {@code all} everything this version knows.
 * Anything else is a comma-separated list of {@link AgentAction} wire names.
 */
record LocalPolicy(Set<AgentAction> accepts) {

    /** What an agent accepts when its configuration does not say: it manages updates, its plug-ins and its core. */
    static final String DEFAULT = "all";

    static LocalPolicy parse(String text) {
        String t = text == null || text.isBlank() ? DEFAULT : text.trim().toLowerCase(Locale.ROOT);
        Set<AgentAction> set = EnumSet.of(AgentAction.SCAN);
        if (t.equals("all")) {
            set = EnumSet.complementOf(EnumSet.of(AgentAction.UNKNOWN));
        } else if (!t.equals("monitor")) {
            List<String> unknown = new ArrayList<>();
            for (String word : t.split("\\s*,\\s*")) {
                AgentAction a = AgentAction.fromWire(word);
                if (a == AgentAction.UNKNOWN) {
                    unknown.add("'" + word + "'");
                } else {
                    set.add(a);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("--accept: unknown action " + String.join(", ", unknown)
                        + "; use monitor, all, or a comma-separated list of scan, dry-run, install, bundle-updates, core-updates");
            }
        }
        return new LocalPolicy(set);
    }

    boolean accepts(AgentAction action) {
        return accepts.contains(action);
    }

    /** The action a command type asks for. */
    static AgentAction action(CommandType type) {
        return switch (type) {
            case SCAN -> AgentAction.SCAN;
            case DRY_RUN -> AgentAction.DRY_RUN;
            case INSTALL -> AgentAction.INSTALL;
            case CORE_UPDATE -> AgentAction.CORE_UPDATES;
            default -> AgentAction.UNKNOWN;
        };
    }

    /** The accepted actions in the protocol's order, for the check-in. */
    List<AgentAction> list() {
        return accepts.stream().sorted().toList();
    }

    /** "scan, dry-run" */
    String describe() {
        return String.join(", ", list().stream().map(AgentAction::toString).toList());
    }
}
