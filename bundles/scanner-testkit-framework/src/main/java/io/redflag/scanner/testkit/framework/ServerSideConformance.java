// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit.framework;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.redflag.protocol.SubsystemDTO;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.server.inventory.SubsystemCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The plug-in on the server's platform — the server distribution's bundles in Felix, without a database or an HTTP
 * port: its descriptor is active and the server's catalog lists its subsystem as the descriptor describes it, while
 * its scanner (or readings) component stays inactive, waiting for the agent runtime that a server never has.
 *
 * <pre>{@code
 * public class FlatpakOnTheServerIT extends ServerSideConformance {}
 * }</pre>
 */
public abstract class ServerSideConformance extends PlatformConformance {

    @Override
    protected final PlatformOptions.Side side() {
        return PlatformOptions.Side.SERVER;
    }

    @Test
    public void itsDescriptorIsActiveAndItsScannerIsNot() throws Exception {
        Bundle b = plugin();
        for (ServiceReference<SubsystemDescriptor> descriptor : descriptors()) {
            SubsystemDescriptor d = context().getService(descriptor);
            assertTrue(descriptor.getProperty(SubsystemType.ECOSYSTEM) + "'s version ordering has no scheme",
                    d.versionOrdering() != null && d.versionOrdering().scheme() != null && !d.versionOrdering().scheme().isBlank());
        }
        ServiceComponentRuntime scr = context().getService(context().getServiceReference(ServiceComponentRuntime.class));
        List<String> acting = new ArrayList<>();
        List<String> wrongly = new ArrayList<>();
        for (ComponentDescriptionDTO c : scr.getComponentDescriptionDTOs(b)) {
            boolean acts = Arrays.stream(c.serviceInterfaces).anyMatch(s -> s.equals(PackageScanner.class.getName())
                    || s.equals(HostReadings.class.getName()));
            if (!acts) {
                continue;
            }
            acting.add(c.name);
            for (ComponentConfigurationDTO cc : scr.getComponentConfigurationDTOs(c)) {
                List<String> waitingFor = Arrays.stream(cc.unsatisfiedReferences).map(u -> u.name).toList();
                List<String> services = Arrays.stream(c.references).filter(r -> waitingFor.contains(r.name))
                        .map(r -> r.interfaceName.substring(r.interfaceName.lastIndexOf('.') + 1)).toList();
                if (cc.state != ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    wrongly.add(c.name + " is " + state(cc.state) + " (a scanner must wait for the agent runtime: annotate it"
                            + " with @AgentOnly)");
                } else if (!waitingFor.contains("osgi.ds.satisfying.condition")) {
                    wrongly.add(c.name + " waits for " + String.join(", ", services) + " but not for the agent runtime's condition"
                            + " (annotate it with @AgentOnly, and build DS 1.5 descriptions)");
                }
            }
        }
        assertFalse("the plug-in has no component providing PackageScanner or HostReadings: it describes a subsystem"
                + " nothing scans", acting.isEmpty());
        assertTrue(String.join("\n", wrongly), wrongly.isEmpty());
        assertTrue("the plug-in's scanner is registered on the server: " + actingServices(b), actingServices(b).isEmpty());
    }

    @Test
    public void theServersCatalogListsItsSubsystemsAsTheDescriptorsSay() {
        plugin();
        for (ServiceReference<SubsystemDescriptor> ref : descriptors()) {
            String ecosystem = (String) ref.getProperty(SubsystemType.ECOSYSTEM);
            SubsystemDTO s = Catalog.awaitListing(context(), ecosystem);
            SubsystemDescriptor d = context().getService(ref);
            Object name = ref.getProperty(SubsystemType.DISPLAY_NAME);
            assertEquals(ecosystem + "'s display name", name == null ? ecosystem : name.toString(), s.displayName);
            assertEquals(ecosystem + "'s kind", String.valueOf(ref.getProperty(SubsystemType.KIND)), s.kind.name());
            Object os = ref.getProperty(SubsystemType.OS);
            assertEquals(ecosystem + "'s OS families", os instanceof String[] a ? List.of(a) : List.of(String.valueOf(os)),
                    s.osFamilies);
            assertEquals(ecosystem + "'s version ordering", d.versionOrdering().scheme(), s.versionOrdering);
            assertEquals(ecosystem + "'s default configuration", Map.copyOf(d.defaultConfiguration()),
                    Map.copyOf(s.defaultConfiguration));
        }
    }

    private static String state(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waiting for its configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed to activate";
            default -> "in state " + state;
        };
    }

    /**
     * The server's catalog, in a class of its own: a method or lambda of the suite typed with the catalog would make
     * the suite unloadable in a framework without the server's bundles (reflection resolves every signature).
     */
    private static final class Catalog {

        static SubsystemDTO awaitListing(BundleContext context, String ecosystem) {
            SubsystemCatalog catalog = context.getService(await(() -> context.getServiceReference(SubsystemCatalog.class),
                    "the server's subsystem catalog"));
            return await(() -> catalog.find(ecosystem).orElse(null), () -> "the catalog to list " + ecosystem
                    + "; it lists " + catalog.all().stream().map(x -> x.ecosystem).toList());
        }
    }
}
