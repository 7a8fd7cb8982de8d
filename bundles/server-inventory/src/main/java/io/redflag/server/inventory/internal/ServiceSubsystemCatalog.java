// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory.internal;

import io.redflag.protocol.SubsystemDTO;
import io.redflag.protocol.WireEnums;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.server.inventory.SubsystemCatalog;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog from the {@link SubsystemDescriptor} services of the deployed scanner bundles, tracked as they come
 * and go; what each subsystem is comes from its service properties ({@link SubsystemType}), said once by the plug-in.
 */
@Component(service = SubsystemCatalog.class)
public final class ServiceSubsystemCatalog implements SubsystemCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceSubsystemCatalog.class);

    private final Map<Long, SubsystemDTO> byServiceId = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        if (props.get(SubsystemType.ECOSYSTEM) == null) {
            LOG.warn("ignoring the subsystem descriptor {} of bundle {}: it has no {} (annotate it with @SubsystemType)",
                    props.get("component.name"), props.get("service.bundleid"), SubsystemType.ECOSYSTEM);
            return;
        }
        byServiceId.put((Long) props.get(Constants.SERVICE_ID), describe(d, props));
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

    /** What the subsystem is, from the descriptor's {@link SubsystemType} service properties; its logic from the object. */
    static SubsystemDTO describe(SubsystemDescriptor d, Map<String, Object> props) {
        SubsystemDTO s = new SubsystemDTO();
        s.ecosystem = props.get(SubsystemType.ECOSYSTEM).toString();
        Object name = props.get(SubsystemType.DISPLAY_NAME);
        s.displayName = name == null ? s.ecosystem : name.toString();
        s.kind = WireEnums.parse(SubsystemKind.class, String.valueOf(props.getOrDefault(SubsystemType.KIND, "UPDATES")));
        Object os = props.get(SubsystemType.OS);
        s.osFamilies = os instanceof String[] a ? new ArrayList<>(Arrays.asList(a)) : os == null ? new ArrayList<>() : new ArrayList<>(List.of(os.toString()));
        Object interval = props.get(SubsystemType.DEFAULT_INTERVAL_SECONDS);
        s.defaultIntervalSeconds = Math.max(60, interval instanceof Number n ? n.longValue() : 21600);
        s.versionOrdering = d.versionOrdering().scheme();
        s.defaultConfiguration = new LinkedHashMap<>(d.defaultConfiguration());
        return s;
    }
}
