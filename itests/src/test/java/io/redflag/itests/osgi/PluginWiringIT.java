// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.runtime.ScannerRuntime;
import io.redflag.scanner.runtime.ScannerRuntimeDTO;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.condition.Condition;

/**
 * The in-framework tier: the agent distribution's own bundles in a real Felix (Pax Exam, native container),
 * probed from inside. Which plug-in components activate where is decided by services only: descriptors need
 * nothing; scanners and readers wait for the agent-runtime condition; a plug-in bundle that goes away and
 * comes back leaves and rejoins the agent's scanner runtime; a plug-in that does not say what it is, is
 * reported, not skipped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class PluginWiringIT {

    private static final String AGENT_CORE = "io.redflag.agent";

    @Inject
    BundleContext ctx;

    @Configuration
    public Option[] config() {
        return AgentDistribution.options();
    }

    private List<String> ecosystemsOf(String service) throws Exception {
        ServiceReference<?>[] refs = ctx.getServiceReferences(service, null);
        List<String> out = new ArrayList<>();
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            Object eco = r.getProperty(service.equals(SubsystemDescriptor.class.getName()) ? "subsystem.ecosystem" : "scanner.ecosystem");
            out.add(String.valueOf(eco));
        }
        out.sort(null);
        return out;
    }

    private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private List<String> scannersAndReaders() {
        try {
            List<String> all = new ArrayList<>(ecosystemsOf(PackageScanner.class.getName()));
            all.addAll(ecosystemsOf("io.redflag.scanner.HostReadings"));
            all.sort(null);
            return all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Bundle installed(String bsn) {
        return Arrays.stream(ctx.getBundles()).filter(b -> b.getSymbolicName().equals(bsn)).findFirst().orElseThrow();
    }

    @Test
    public void withoutTheAgentRuntimeDescriptorsAreActiveAndScannersAreNot() throws Exception {
        List<String> descriptors = await(() -> {
            try {
                List<String> d = ecosystemsOf(SubsystemDescriptor.class.getName());
                return d.size() >= 7 ? d : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the seven descriptors");
        assertEquals(List.of("apt", "dnf", "docker", "storage", "system", "windows-update", "winget"), descriptors);
        Thread.sleep(500); // give SCR every chance to (wrongly) activate a scanner
        assertEquals(List.of(), scannersAndReaders());
    }

    @Test
    public void theAgentRuntimeConditionIsWhatActivatesScannersAndReaders() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, "io.redflag.agent");
        ServiceRegistration<Condition> agent = ctx.registerService(Condition.class, Condition.INSTANCE, props);
        // with the condition every plug-in activates: those that run processes take the agent's CommandRunner (the
        // process bundle, started), the others need nothing more
        List<String> active = await(() -> scannersAndReaders().size() == 7 ? scannersAndReaders() : null, "seven plug-ins");
        assertEquals(List.of("apt", "dnf", "docker", "storage", "system", "windows-update", "winget"), active);
        agent.unregister();
        await(() -> scannersAndReaders().isEmpty() ? Boolean.TRUE : null, "the plug-ins to go with the condition");
    }

    @Test
    public void aPlugInBundleThatGoesAwayLeavesTheRuntimeAndRejoinsIt() throws Exception {
        installed(AGENT_CORE).start();
        ServiceReference<ScannerRuntime> ref = await(() -> ctx.getServiceReference(ScannerRuntime.class), "the scanner runtime");
        ScannerRuntime runtime = ctx.getService(ref);
        ScannerRuntimeDTO before = await(() -> {
            ScannerRuntimeDTO dto = runtime.getRuntimeDTO();
            return dto.active.contains("storage") ? dto : null;
        }, "storage to be active");
        assertEquals(List.of("apt", "dnf", "docker", "storage", "system", "windows-update", "winget"), before.active);
        assertTrue(before.applicable.containsAll(List.of("apt", "storage", "system")));
        assertFalse(before.applicable.contains("winget"));
        assertEquals(List.of(), before.failed);

        Bundle system = installed("io.redflag.scanner.system");
        system.stop();
        List<String> during = runtime.getRuntimeDTO().active;
        assertFalse(during.toString(), during.contains("storage") || during.contains("system"));
        assertTrue(during.contains("apt"));
        system.start();
        ScannerRuntimeDTO after = await(() -> {
            ScannerRuntimeDTO dto = runtime.getRuntimeDTO();
            return dto.active.contains("storage") && dto.active.contains("system") ? dto : null;
        }, "storage and system to come back");
        assertEquals(List.of(), after.failed);
    }

    @Test
    public void aPlugInThatDoesNotSayWhatItIsIsReportedAsFailed() throws Exception {
        installed(AGENT_CORE).start();
        ServiceReference<ScannerRuntime> ref = await(() -> ctx.getServiceReference(ScannerRuntime.class), "the scanner runtime");
        ScannerRuntime runtime = ctx.getService(ref);
        PackageScanner anonymous = new PackageScanner() {
            @Override
            public io.redflag.scanner.ScanReportDTO scan(ScanContext c) {
                return new io.redflag.scanner.ScanReportDTO();
            }

            @Override
            public io.redflag.scanner.TransactionPlanDTO dryRun(ScanContext c, List<String> p) {
                return new io.redflag.scanner.TransactionPlanDTO();
            }

            @Override
            public io.redflag.scanner.InstallResultDTO install(ScanContext c, List<String> p) {
                return new io.redflag.scanner.InstallResultDTO();
            }
        };
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("component.name", "com.acme.SnapScanner");
        ServiceRegistration<PackageScanner> reg = ctx.registerService(PackageScanner.class, anonymous, props);
        List<io.redflag.scanner.runtime.FailedScannerDTO> failed = await(
                () -> runtime.getRuntimeDTO().failed.isEmpty() ? null : runtime.getRuntimeDTO().failed, "the failure");
        assertEquals(1, failed.size());
        assertEquals("com.acme.SnapScanner", failed.get(0).component);
        assertTrue(failed.get(0).reason, failed.get(0).reason.contains("without scanner.ecosystem"));
        reg.unregister();
        assertEquals(List.of(), runtime.getRuntimeDTO().failed);
    }
}
