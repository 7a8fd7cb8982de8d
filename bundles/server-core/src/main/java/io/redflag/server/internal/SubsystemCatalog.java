// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal;

import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The subsystems the server knows: every {@link SubsystemDescriptor} registered by a scanner bundle. */
@Component(service = SubsystemCatalog.class)
public final class SubsystemCatalog {

    private final Map<Long, SubsystemDescriptor> byServiceId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        byServiceId.put((Long) props.get(Constants.SERVICE_ID), d);
    }

    void removeDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        byServiceId.remove((Long) props.get(Constants.SERVICE_ID));
    }

    /** A snapshot sorted by ecosystem id. */
    public List<SubsystemDescriptor> all() {
        Map<String, SubsystemDescriptor> sorted = new ConcurrentSkipListMap<>();
        byServiceId.values().forEach(d -> sorted.putIfAbsent(d.ecosystem(), d));
        return List.copyOf(sorted.values());
    }

    /** Ecosystems whose records are readings of the host, not installable updates. */
    public List<String> metricsEcosystems() {
        return all().stream().filter(d -> d.kind() == SubsystemKind.METRICS).map(SubsystemDescriptor::ecosystem).toList();
    }

    public Optional<SubsystemDescriptor> find(String ecosystem) {
        return byServiceId.values().stream().filter(d -> d.ecosystem().equals(ecosystem)).findFirst();
    }
}
