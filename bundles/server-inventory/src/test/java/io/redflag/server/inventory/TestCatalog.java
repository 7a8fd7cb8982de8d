// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

import io.redflag.protocol.SubsystemDTO;
import io.redflag.scanner.SubsystemKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A catalog the test fills and empties, as scanner bundles coming and going would. */
public final class TestCatalog implements SubsystemCatalog {

    private final Map<String, SubsystemDTO> byEcosystem = new ConcurrentHashMap<>();

    /** apt (updates, 6 h) and storage (readings, 15 min): one of each kind. */
    public static TestCatalog aptAndStorage() {
        return new TestCatalog().with("apt", SubsystemKind.UPDATES, 21600).with("storage", SubsystemKind.METRICS, 900);
    }

    public TestCatalog with(String ecosystem, SubsystemKind kind, long intervalSeconds) {
        SubsystemDTO d = new SubsystemDTO();
        d.ecosystem = ecosystem;
        d.displayName = ecosystem;
        d.kind = kind;
        d.osFamilies = List.of("linux");
        d.defaultIntervalSeconds = intervalSeconds;
        d.versionOrdering = "dpkg";
        byEcosystem.put(ecosystem, d);
        return this;
    }

    /** As if the bundle describing it were stopped (being replaced). */
    public void remove(String ecosystem) {
        byEcosystem.remove(ecosystem);
    }

    @Override
    public List<SubsystemDTO> all() {
        return List.copyOf(new TreeMap<>(byEcosystem).values());
    }

    @Override
    public Optional<SubsystemDTO> find(String ecosystem) {
        return Optional.ofNullable(byEcosystem.get(ecosystem));
    }
}
