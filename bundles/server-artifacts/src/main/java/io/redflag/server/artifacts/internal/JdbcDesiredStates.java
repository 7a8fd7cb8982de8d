// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.BundlePinDTO;
import io.redflag.protocol.DesiredBundleDTO;
import io.redflag.protocol.DesiredStateDTO;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.server.artifacts.UnknownArtifactException;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Desired states from the repository's offer and the pins, which every node reads again at most once a second (so a
 * publish or a pin on one node reaches agents checking in on another within a second), and the agents' enabled
 * subsystems: no query at all while nothing is offered, one while no agent has a pin of its own.
 */
@Component(service = DesiredStates.class)
public final class JdbcDesiredStates implements DesiredStates {

    static final long OFFER_MAX_AGE_NANOS = 1_000_000_000L;

    /** Where a bundle sits among the repository's signed targets. */
    static String target(ArtifactDTO a) {
        return target(a.symbolicName, a.version);
    }

    static String target(String symbolicName, String version) {
        return "bundles/" + symbolicName + "/" + version + ".jar";
    }

    /**
     * What every desired state is computed from: the newest plug-in per ecosystem, every offered version of each
     * plug-in, the every-agent pins, and whether any agent has a pin of its own.
     */
    record Offer(Map<String, ArtifactDTO> byEcosystem, Map<String, Map<String, ArtifactDTO>> versions,
            Map<String, String> everyAgentPins, boolean agentPins, long loadedAt) {}

    private static final Offer NOTHING = new Offer(Map.of(), Map.of(), Map.of(), false, Long.MIN_VALUE / 2);

    private final Database db;
    private final ArtifactRepository repository;
    private final AuditLog audit;
    private volatile Offer offer = NOTHING;

    @Activate
    public JdbcDesiredStates(@Reference Database db, @Reference ArtifactRepository repository, @Reference AuditLog audit) {
        this.db = db;
        this.repository = repository;
        this.audit = audit;
    }

    @Override
    public Map<String, ArtifactDTO> offered() {
        return offer().byEcosystem();
    }

    private Offer offer() {
        Offer o = offer;
        return System.nanoTime() - o.loadedAt() > OFFER_MAX_AGE_NANOS ? reload() : o;
    }

    /** Reads the offer again, once for all the callers that find it old at the same moment (check-ins come in crowds). */
    private synchronized Offer reload() {
        Offer o = offer;
        long now = System.nanoTime();
        if (now - o.loadedAt() > OFFER_MAX_AGE_NANOS) {
            List<ArtifactDTO> all = repository.list(null);
            Map<String, String> everyAgent = new HashMap<>();
            boolean agentPins = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT symbolic_name, version FROM bundle_pins WHERE agent_id IS NULL");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        everyAgent.put(rs.getString(1), rs.getString(2));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM bundle_pins WHERE agent_id IS NOT NULL LIMIT 1");
                        ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
            o = new Offer(load(all), versions(all), Map.copyOf(everyAgent), agentPins, now);
            offer = o;
        }
        return o;
    }

    /** For each ecosystem, the newest non-retired version of the bundle providing it (one bundle per ecosystem). */
    static Map<String, ArtifactDTO> load(List<ArtifactDTO> all) {
        Map<String, ArtifactDTO> newestPerBundle = new LinkedHashMap<>();
        for (ArtifactDTO a : all) {
            if (offered(a)) {
                newestPerBundle.merge(a.symbolicName, a, (x, y) ->
                        Version.parseVersion(x.version).compareTo(Version.parseVersion(y.version)) >= 0 ? x : y);
            }
        }
        Map<String, ArtifactDTO> out = new TreeMap<>();
        newestPerBundle.values().stream().sorted(Comparator.comparing((ArtifactDTO a) -> a.publishedAt))
                .forEach(a -> a.subsystems.forEach(eco -> out.put(eco, a)));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Map<String, ArtifactDTO>> versions(List<ArtifactDTO> all) {
        Map<String, Map<String, ArtifactDTO>> out = new HashMap<>();
        for (ArtifactDTO a : all) {
            if (offered(a)) {
                out.computeIfAbsent(a.symbolicName, n -> new HashMap<>()).put(a.version, a);
            }
        }
        return out;
    }

    private static boolean offered(ArtifactDTO a) {
        return a.retiredAt == null && a.subsystems != null && !a.subsystems.isEmpty();
    }

    @Override
    public DesiredStateDTO of(UUID agentId) {
        Offer o = offer();
        if (o.byEcosystem().isEmpty()) {
            return state(o, List.of(), Map.of());
        }
        return db.inTransaction(c -> state(o, enabled(c, agentId, o.byEcosystem()), o.agentPins() ? agentPins(c, agentId)
                : Map.of()));
    }

    @Override
    public String hash(UUID agentId) {
        return of(agentId).hash;
    }

    private static List<String> enabled(Connection c, UUID agentId, Map<String, ArtifactDTO> offered) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ecosystem FROM agent_subsystems WHERE agent_id = ? AND enabled AND ecosystem = ANY (?)")) {
            ps.setObject(1, agentId);
            ps.setArray(2, c.createArrayOf("text", offered.keySet().toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static Map<String, String> agentPins(Connection c, UUID agentId) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbolic_name, version FROM bundle_pins WHERE agent_id = ?")) {
            ps.setObject(1, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The desired state of an agent with these enabled ecosystems and pins of its own. */
    static DesiredStateDTO state(Offer o, List<String> enabledEcosystems, Map<String, String> ownPins) {
        Map<String, DesiredBundleDTO> bundles = new TreeMap<>();
        for (String eco : enabledEcosystems) {
            ArtifactDTO newest = o.byEcosystem().get(eco);
            if (newest == null) {
                continue;
            }
            String pinned = ownPins.getOrDefault(newest.symbolicName, o.everyAgentPins().get(newest.symbolicName));
            ArtifactDTO a = pinned == null ? newest
                    : o.versions().getOrDefault(newest.symbolicName, Map.of()).getOrDefault(pinned, newest);
            DesiredBundleDTO b = bundles.computeIfAbsent(a.symbolicName, n -> {
                DesiredBundleDTO d = new DesiredBundleDTO();
                d.symbolicName = a.symbolicName;
                d.version = a.version;
                d.sha256 = a.sha256;
                d.length = a.length;
                d.target = target(a);
                return d;
            });
            if (!b.ecosystems.contains(eco)) {
                b.ecosystems.add(eco);
                Collections.sort(b.ecosystems);
            }
        }
        DesiredStateDTO s = new DesiredStateDTO();
        s.bundles = new ArrayList<>(bundles.values());
        StringBuilder text = new StringBuilder();
        s.bundles.forEach(b -> text.append(b.symbolicName).append(' ').append(b.version).append(' ').append(b.sha256).append('\n'));
        s.hash = Rows.sha256(text.toString());
        return s;
    }

    @Override
    public BundlePinDTO pin(String actor, String symbolicName, String version, UUID agentId) {
        ArtifactDTO a = repository.get(symbolicName, version);
        if (!offered(a)) {
            throw new UnknownArtifactException(a.symbolicName + " " + a.version + (a.retiredAt != null ? " is retired"
                    : " provides no subsystem") + ": there is nothing to pin");
        }
        BundlePinDTO pin = db.inTransaction(c -> {
            if (agentId != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM agents WHERE id = ?")) {
                    ps.setObject(1, agentId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new UnknownArtifactException("no agent " + agentId + " to pin " + symbolicName + " for");
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bundle_pins WHERE symbolic_name = ? "
                    + "AND agent_id IS NOT DISTINCT FROM ?")) {
                ps.setString(1, a.symbolicName);
                ps.setObject(2, agentId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bundle_pins (symbolic_name, agent_id, version, pinned_by) "
                    + "VALUES (?, ?, ?, ?)")) {
                ps.setString(1, a.symbolicName);
                ps.setObject(2, agentId);
                ps.setString(3, a.version);
                ps.setString(4, actor);
                ps.executeUpdate();
            }
            audit.append(c, actor, "artifact.pinned", a.symbolicName + " " + a.version + " for "
                    + (agentId == null ? "every agent" : "agent " + agentId), false);
            return pins(c, a.symbolicName).stream().filter(p -> agentId == null ? p.agentId == null
                    : agentId.toString().equals(p.agentId)).findFirst().orElseThrow();
        });
        offer = NOTHING; // this node's next look sees it at once
        return pin;
    }

    @Override
    public boolean unpin(String actor, String symbolicName, UUID agentId) {
        boolean removed = db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bundle_pins WHERE symbolic_name = ? "
                    + "AND agent_id IS NOT DISTINCT FROM ?")) {
                ps.setString(1, symbolicName);
                ps.setObject(2, agentId);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                audit.append(c, actor, "artifact.unpinned", symbolicName + " for "
                        + (agentId == null ? "every agent" : "agent " + agentId), false);
            }
            return n > 0;
        });
        offer = NOTHING;
        return removed;
    }

    @Override
    public List<BundlePinDTO> pins(String symbolicName) {
        return db.inTransaction(c -> pins(c, symbolicName));
    }

    private static List<BundlePinDTO> pins(Connection c, String symbolicName) throws SQLException {
        List<BundlePinDTO> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbolic_name, version, agent_id, pinned_by, pinned_at "
                + "FROM bundle_pins WHERE symbolic_name = ? ORDER BY agent_id NULLS FIRST")) {
            ps.setString(1, symbolicName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BundlePinDTO p = new BundlePinDTO();
                    p.symbolicName = rs.getString(1);
                    p.version = rs.getString(2);
                    p.agentId = rs.getString(3);
                    p.pinnedBy = rs.getString(4);
                    p.pinnedAt = Rows.iso(rs.getTimestamp(5));
                    out.add(p);
                }
            }
        }
        return out;
    }
}
