// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory.internal;

import io.redflag.protocol.SubsystemDTO;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.server.inventory.SubsystemCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The catalog from the {@link SubsystemDescriptor} services of the deployed scanner bundles, tracked as they come and go. */
@Component(service = SubsystemCatalog.class)
public final class ServiceSubsystemCatalog implements SubsystemCatalog {

    private final Map<Long, SubsystemDTO> byServiceId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        byServiceId.put((Long) props.get(Constants.SERVICE_ID), describe(d));
    }

    void removeDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        byServiceId.remove((Long) props.get(Constants.SERVICE_ID));
    }

    @Override
    public List<SubsystemDTO> all() {
        Map<String, SubsystemDTO> sorted = new TreeMap<>();
        byServiceId.values().forEach(d -> sorted.putIfAbsent(d.ecosystem, d));
        return List.copyOf(sorted.values());
    }

    @Override
    public Optional<SubsystemDTO> find(String ecosystem) {
        return byServiceId.values().stream().filter(d -> d.ecosystem.equals(ecosystem)).findFirst();
    }

    static SubsystemDTO describe(SubsystemDescriptor d) {
        SubsystemDTO s = new SubsystemDTO();
        s.ecosystem = d.ecosystem();
        s.displayName = d.displayName();
        s.kind = d.kind();
        s.osFamilies = new ArrayList<>(d.osFamilies());
        s.defaultIntervalSeconds = d.defaultInterval().toSeconds();
        s.versionOrdering = d.versionOrdering().scheme();
        s.defaultConfiguration = new LinkedHashMap<>(d.defaultConfiguration());
        return s;
    }
}
