// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.DesiredBundleDTO;
import io.redflag.protocol.DesiredStateDTO;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.server.store.Database;
import io.redflag.server.store.Rows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * Desired states from the repository's offer, which every node reads again at most once a second (so a publish
 * on one node reaches agents checking in on another within a second), and the agents' enabled subsystems.
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

    private record Offer(Map<String, ArtifactDTO> byEcosystem, long loadedAt) {}

    private final Database db;
    private final ArtifactRepository repository;
    private volatile Offer offer = new Offer(Map.of(), Long.MIN_VALUE / 2);

    @Activate
    public JdbcDesiredStates(@Reference Database db, @Reference ArtifactRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Map<String, ArtifactDTO> offered() {
        Offer o = offer;
        long now = System.nanoTime();
        if (now - o.loadedAt() > OFFER_MAX_AGE_NANOS) {
            o = new Offer(load(repository.list(null)), now);
            offer = o;
        }
        return o.byEcosystem();
    }

    /**
     * For each ecosystem, the newest non-retired version of the bundle providing it; when several bundles provide one,
     * the bundle whose newest version was published last.
     */
    static Map<String, ArtifactDTO> load(List<ArtifactDTO> all) {
        Map<String, ArtifactDTO> newestPerBundle = new LinkedHashMap<>();
        for (ArtifactDTO a : all) {
            if (a.retiredAt != null || a.subsystems == null || a.subsystems.isEmpty()) {
                continue;
            }
            newestPerBundle.merge(a.symbolicName, a, (x, y) ->
                    Version.parseVersion(x.version).compareTo(Version.parseVersion(y.version)) >= 0 ? x : y);
        }
        Map<String, ArtifactDTO> out = new TreeMap<>();
        newestPerBundle.values().stream().sorted(Comparator.comparing((ArtifactDTO a) -> a.publishedAt))
                .forEach(a -> a.subsystems.forEach(eco -> out.put(eco, a)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public DesiredStateDTO of(UUID agentId) {
        Map<String, ArtifactDTO> offered = offered();
        return state(offered, offered.isEmpty() ? List.of() : enabled(agentId, offered));
    }

    @Override
    public String hash(UUID agentId) {
        return of(agentId).hash;
    }

    private List<String> enabled(UUID agentId, Map<String, ArtifactDTO> offered) {
        return db.inTransaction(c -> {
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
        });
    }

    static DesiredStateDTO state(Map<String, ArtifactDTO> offered, List<String> enabledEcosystems) {
        Map<String, DesiredBundleDTO> bundles = new TreeMap<>();
        for (String eco : enabledEcosystems) {
            ArtifactDTO a = offered.get(eco);
            if (a == null) {
                continue;
            }
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
}
