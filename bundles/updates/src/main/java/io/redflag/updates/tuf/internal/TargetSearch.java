// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;

import io.redflag.updates.tuf.TargetInfo;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a target in the delegation graph (spec 5.6.7): pre-order depth-first from top-level targets, delegations in
 * the order listed, descending only into roles trusted for the path, skipping roles already visited (cycles), and
 * abandoning every other branch once a terminating delegation is taken. At most {@code maxDelegations} roles are
 * visited per search.
 * <p>
 * A role's metadata is cached per delegator: the same role reached from another delegator is verified again
 * against that delegator's keys, so it cannot borrow the trust of an earlier search path.
 */
public final class TargetSearch {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSearch.class);

    private final TrustedState state;
    private final TargetsLoader loader;
    private final int maxDelegations;
    private final Map<String, TargetsMetadata> verified = new HashMap<>();

    public TargetSearch(TrustedState state, TargetsLoader loader, int maxDelegations) {
        this.state = state;
        this.loader = loader;
        this.maxDelegations = maxDelegations;
        verified.put(key(ROOT, TARGETS), state.targets());
    }

    private record Visit(String role, String delegator, Map<String, TufKey> keys, RoleKeys roleKeys) {
    }

    /** The target's info from the most trusted role that lists it; empty when no role trusted for it lists it. */
    public Optional<TargetInfo> find(String targetPath) throws TufException {
        RootMetadata root = state.root();
        Deque<Visit> toVisit = new ArrayDeque<>();
        toVisit.push(new Visit(TARGETS, ROOT, root.keys(), root.role(TARGETS)));
        Set<String> visited = new HashSet<>();
        while (!toVisit.isEmpty() && visited.size() < maxDelegations) {
            Visit visit = toVisit.pop();
            if (visited.contains(visit.role())) {
                continue;
            }
            TargetsMetadata targets = load(visit);
            TargetInfo info = targets.targets().get(targetPath);
            if (info != null) {
                return Optional.of(info);
            }
            visited.add(visit.role());
            List<Visit> children = new ArrayList<>();
            for (DelegatedRole child : targets.delegations()) {
                if (!child.covers(targetPath)) {
                    continue;
                }
                children.add(new Visit(child.name(), visit.role(), targets.delegationKeys(), child.keys()));
                if (child.terminating()) {
                    toVisit.clear();
                    break;
                }
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                toVisit.push(children.get(i));
            }
        }
        if (!toVisit.isEmpty()) {
            LOG.debug("Stopped looking for {} after {} roles", targetPath, maxDelegations);
        }
        return Optional.empty();
    }

    private TargetsMetadata load(Visit visit) throws TufException {
        String key = key(visit.delegator(), visit.role());
        TargetsMetadata cached = verified.get(key);
        if (cached != null) {
            return cached;
        }
        TargetsMetadata loaded = loader.load(visit.role(), visit.delegator(), visit.keys(), visit.roleKeys(),
                state.snapshot(), state.root().consistentSnapshot(), state.updateStart());
        verified.put(key, loaded);
        return loaded;
    }

    private static String key(String delegator, String role) {
        return delegator + '\u0000' + role;
    }
}
