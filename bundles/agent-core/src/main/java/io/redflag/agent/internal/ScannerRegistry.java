// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.WireEnums;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.scanner.propertytypes.ScannerType;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.scanner.runtime.FailedScannerDTO;
import io.redflag.scanner.runtime.ScannerRuntime;
import io.redflag.scanner.runtime.ScannerRuntimeDTO;
import java.util.ArrayList;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The plug-ins present in this runtime, tracked dynamically so a scanner bundle can come and go (hot swap)
 * without restarting the agent. What a subsystem is comes from its descriptor's {@link SubsystemType}
 * service properties; which scanner serves it from the scanner's {@link ScannerType}. A plug-in that is
 * present but not working is listed by {@link #failed()}, with the reason, never silently skipped.
 */
@Component(service = {ScannerRegistry.class, ScannerRuntime.class})
public final class ScannerRegistry implements ScannerRuntime {

    /** A subsystem as its descriptor's service properties describe it, with the descriptor's logic. */
    public record Subsystem(String ecosystem, String displayName, List<String> os, long defaultIntervalSeconds,
            SubsystemKind kind, SubsystemDescriptor descriptor) {}

    /** One registered plug-in acting on the host: a scanner of updates or a reader of host readings. */
    public record Handle(long serviceId, String ecosystem, PackageScanner scanner, HostReadings readings) {}

    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
    private final Map<Long, Subsystem> subsystems = new ConcurrentHashMap<>();
    private final Map<Long, FailedScannerDTO> unusable = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addScanner(PackageScanner scanner, Map<String, Object> props) {
        add(props, scanner, null);
    }

    void removeScanner(PackageScanner scanner, Map<String, Object> props) {
        remove(props);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReadings(HostReadings readings, Map<String, Object> props) {
        add(props, null, readings);
    }

    void removeReadings(HostReadings readings, Map<String, Object> props) {
        remove(props);
    }

    private void add(Map<String, Object> props, PackageScanner scanner, HostReadings readings) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        Object eco = props.get(ScannerType.ECOSYSTEM);
        if (eco == null) {
            unusable.put(id, failure(props, "registered without " + ScannerType.ECOSYSTEM
                    + " (annotate the component with @ScannerType)"));
            return;
        }
        handles.put(id, new Handle(id, eco.toString(), scanner, readings));
    }

    private void remove(Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        handles.remove(id);
        unusable.remove(id);
        subsystems.remove(id);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        Object eco = props.get(SubsystemType.ECOSYSTEM);
        if (eco == null) {
            unusable.put(id, failure(props, "descriptor registered without " + SubsystemType.ECOSYSTEM
                    + " (annotate the component with @SubsystemType)"));
            return;
        }
        Object interval = props.get(SubsystemType.DEFAULT_INTERVAL_SECONDS);
        subsystems.put(id, new Subsystem(eco.toString(), String.valueOf(props.get(SubsystemType.DISPLAY_NAME)),
                strings(props.get(SubsystemType.OS)), interval instanceof Number n ? n.longValue() : 0,
                WireEnums.parse(SubsystemKind.class, String.valueOf(props.get(SubsystemType.KIND))), d));
    }

    void removeDescriptor(SubsystemDescriptor d, Map<String, Object> props) {
        remove(props);
    }

    @Override
    public ScannerRuntimeDTO getRuntimeDTO() {
        ScannerRuntimeDTO dto = new ScannerRuntimeDTO();
        dto.osFamily = HostFacts.detectOsFamily();
        dto.active = handles.values().stream().map(Handle::ecosystem).filter(e -> subsystem(e).isPresent()).distinct()
                .sorted().toList();
        dto.applicable = applicable(dto.osFamily).stream().map(Handle::ecosystem).distinct().toList();
        dto.failed = failed();
        return dto;
    }

    /** Plug-ins acting on the host whose subsystem runs on this OS family, sorted by ecosystem; a snapshot. */
    public List<Handle> applicable(String osFamily) {
        return handles.values().stream()
                .filter(h -> subsystem(h.ecosystem()).map(s -> s.os().contains(osFamily)).orElse(false))
                .sorted((a, b) -> a.ecosystem().compareTo(b.ecosystem())).toList();
    }

    public Optional<Handle> scanner(String ecosystem) {
        return handles.values().stream().filter(h -> h.ecosystem().equals(ecosystem)).findFirst();
    }

    public Optional<Subsystem> subsystem(String ecosystem) {
        return subsystems.values().stream().filter(s -> s.ecosystem().equals(ecosystem)).findFirst();
    }

    /**
     * What a plug-in's {@code ScanContext} holds: its descriptor's {@code defaultConfiguration()} overlaid with what the
     * operator set for this agent ({@code null} values dropped), so that a key the operator never set has its default.
     */
    public Map<String, String> configuration(String ecosystem, Map<String, String> operatorSet) {
        Map<String, String> config = new java.util.HashMap<>();
        subsystem(ecosystem).ifPresent(s -> overlay(config, s.descriptor().defaultConfiguration()));
        overlay(config, operatorSet);
        return config;
    }

    private static void overlay(Map<String, String> config, Map<String, String> over) {
        if (over != null) {
            over.forEach((k, v) -> {
                if (k != null && v != null) {
                    config.put(k, v);
                }
            });
        }
    }

    /** Subsystems by ecosystem id. */
    public Map<String, Subsystem> subsystems() {
        Map<String, Subsystem> out = new TreeMap<>();
        subsystems.values().forEach(s -> out.putIfAbsent(s.ecosystem(), s));
        return out;
    }

    /**
     * Plug-ins present but not working: registered without their properties, a scanner without a descriptor,
     * and components DS could not activate (missing reference, failed constructor, missing configuration).
     */
    public List<FailedScannerDTO> failed() {
        List<FailedScannerDTO> out = new ArrayList<>(unusable.values());
        for (Handle h : handles.values()) {
            if (subsystem(h.ecosystem()).isEmpty()) {
                FailedScannerDTO f = new FailedScannerDTO();
                f.ecosystem = h.ecosystem();
                f.reason = "no descriptor describes " + h.ecosystem() + " (the plug-in's SubsystemDescriptor is missing or failed)";
                out.add(f);
            }
        }
        ServiceComponentRuntime runtime = scr;
        if (runtime != null) {
            for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs()) {
                if (!actsOnHost(d) && !describes(d)) {
                    continue;
                }
                String why = whyNotWorking(runtime, d);
                if (why != null) {
                    FailedScannerDTO f = new FailedScannerDTO();
                    Object eco = d.properties.get(ScannerType.ECOSYSTEM);
                    f.ecosystem = eco != null ? eco.toString() : (String) d.properties.get(SubsystemType.ECOSYSTEM);
                    f.component = d.name;
                    f.bundle = d.bundle.symbolicName + " " + d.bundle.version;
                    f.reason = why;
                    out.add(f);
                }
            }
        }
        out.sort((a, b) -> String.valueOf(a.ecosystem).compareTo(String.valueOf(b.ecosystem)));
        return out;
    }

    private static boolean actsOnHost(ComponentDescriptionDTO d) {
        List<String> services = d.serviceInterfaces == null ? List.of() : Arrays.asList(d.serviceInterfaces);
        return services.contains(PackageScanner.class.getName()) || services.contains(HostReadings.class.getName());
    }

    private static boolean describes(ComponentDescriptionDTO d) {
        return d.serviceInterfaces != null && Arrays.asList(d.serviceInterfaces).contains(SubsystemDescriptor.class.getName());
    }

    /** Null when the component is working (or simply lazy); else why not. */
    private static String whyNotWorking(ServiceComponentRuntime runtime, ComponentDescriptionDTO d) {
        if (!runtime.isComponentEnabled(d)) {
            return "the component is disabled";
        }
        var configurations = runtime.getComponentConfigurationDTOs(d);
        if (configurations.isEmpty()) {
            return "the component waits for its configuration";
        }
        for (ComponentConfigurationDTO c : configurations) {
            if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                return "activation failed: " + firstLine(c.failure);
            }
            if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                List<String> missing = new ArrayList<>();
                for (var u : c.unsatisfiedReferences) {
                    missing.add(u.name + (u.target == null ? "" : " " + u.target));
                }
                return "it waits for services nobody offers: " + String.join(", ", missing);
            }
        }
        return null;
    }

    private static String firstLine(String failure) {
        if (failure == null) {
            return "no reason given";
        }
        int nl = failure.indexOf('\n');
        return nl < 0 ? failure : failure.substring(0, nl);
    }

    private static FailedScannerDTO failure(Map<String, Object> props, String reason) {
        FailedScannerDTO f = new FailedScannerDTO();
        Object component = props.get("component.name");
        f.component = component == null ? null : component.toString();
        f.reason = reason;
        return f;
    }

    private static List<String> strings(Object v) {
        if (v instanceof String[] a) {
            return Arrays.asList(a);
        }
        return v == null ? List.of() : List.of(v.toString());
    }
}
