// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.ScannerType;
import java.util.Arrays;
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

/**
 * The scanner plug-ins and subsystem descriptors present in this runtime, tracked dynamically so
 * a scanner bundle can come and go (hot swap) without restarting the agent.
 */
@Component(service = ScannerRegistry.class)
public final class ScannerRegistry {

    /** One registered scanner and what it declared about itself. */
    public record Handle(long serviceId, String ecosystem, List<String> os, PackageScanner scanner) {
        boolean supports(String osFamily) {
            return os.contains(osFamily);
        }
    }

    private final Map<Long, Handle> scanners = new ConcurrentHashMap<>();
    private final Map<Long, SubsystemDescriptor> descriptors = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addScanner(PackageScanner scanner, Map<String, Object> props) {
        Object eco = props.get(ScannerType.ECOSYSTEM);
        if (eco == null) {
            return; // not described with @ScannerType: we cannot know what it scans
        }
        scanners.put(serviceId(props), new Handle(serviceId(props), eco.toString(), osOf(props.get(ScannerType.OS)), scanner));
    }

    void removeScanner(PackageScanner scanner, Map<String, Object> props) {
        scanners.remove(serviceId(props));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        descriptors.put(serviceId(props), d);
    }

    void removeDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        descriptors.remove(serviceId(props));
    }

    /** Scanners that run on this OS family, sorted by ecosystem; a snapshot. */
    public List<Handle> applicable(String osFamily) {
        return scanners.values().stream().filter(h -> h.supports(osFamily))
                .sorted((a, b) -> a.ecosystem().compareTo(b.ecosystem())).toList();
    }

    public Optional<Handle> scanner(String ecosystem) {
        return scanners.values().stream().filter(h -> h.ecosystem().equals(ecosystem)).findFirst();
    }

    public Optional<SubsystemDescriptor> descriptor(String ecosystem) {
        return descriptors.values().stream().filter(d -> d.ecosystem().equals(ecosystem)).findFirst();
    }

    /** Descriptors by ecosystem id. */
    public Map<String, SubsystemDescriptor> descriptors() {
        Map<String, SubsystemDescriptor> out = new TreeMap<>();
        descriptors.values().forEach(d -> out.putIfAbsent(d.ecosystem(), d));
        return out;
    }

    private static long serviceId(Map<String, Object> props) {
        return (Long) props.get(Constants.SERVICE_ID);
    }

    private static List<String> osOf(Object v) {
        if (v instanceof String[]) {
            return Arrays.asList((String[]) v);
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        return List.of();
    }
}
