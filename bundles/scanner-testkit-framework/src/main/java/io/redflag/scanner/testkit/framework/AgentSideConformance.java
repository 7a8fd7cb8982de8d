// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit.framework;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.scanner.runtime.FailedScannerDTO;
import io.redflag.scanner.runtime.ScannerRuntime;
import io.redflag.scanner.runtime.ScannerRuntimeDTO;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * The plug-in on the agent's platform — the agent distribution's bundles in Felix — with a {@link ScriptedRunner}
 * as the host's {@link CommandRunner}: its scanner (or readings) joins the agent's runtime, runs through the scripted
 * runner, and a scan through the agent's own {@code scan} command finds what the script shows; stopped, it leaves
 * the runtime, started again, it comes back (the agent swaps plug-in bundles in place).
 *
 * <pre>{@code
 * public class FlatpakOnTheAgentIT extends AgentSideConformance {
 *     protected void script(ScriptedRunner host) {
 *         host.answer("flatpak remote-ls", Fixtures.text("flatpak/remote-ls-updates.txt"));
 *     }
 * }
 * }</pre>
 */
public abstract class AgentSideConformance extends PlatformConformance {

    private static final Duration SCAN_DEADLINE = Duration.ofMinutes(2);
    /** Service property marking the scripted host; the framework holds it, not a static field (frameworks come and go). */
    private static final String SCRIPTED = "redflag.testkit.scripted";

    /**
     * What the host's tools answer, enough for a scan to find at least one update (or reading). Called once,
     * inside the framework, before the agent starts.
     */
    protected abstract void script(ScriptedRunner host);

    @Override
    protected final PlatformOptions.Side side() {
        return PlatformOptions.Side.AGENT;
    }

    /** The scripted host, registered as the agent's CommandRunner before the agent starts (it outranks the real one). */
    protected final ScriptedRunner host() {
        agent();
        return (ScriptedRunner) context().getService(scripted());
    }

    /** The scripted host's registration in this framework, or null before the first test made it. */
    private ServiceReference<CommandRunner> scripted() {
        try {
            Collection<ServiceReference<CommandRunner>> refs = context().getServiceReferences(CommandRunner.class,
                    "(" + SCRIPTED + "=true)");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent's scanner runtime, the agent started with the scripted host and the plug-in. */
    protected final synchronized ScannerRuntime agent() {
        if (scripted() == null) {
            ScriptedRunner host = new ScriptedRunner();
            script(host);
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
            props.put(SCRIPTED, Boolean.TRUE);
            context().registerService(CommandRunner.class, host, props);
        }
        Bundle core = bundle(PlatformOptions.AGENT_CORE);
        if (core.getState() != Bundle.ACTIVE) {
            try {
                core.start();
            } catch (BundleException e) {
                // no cause: Pax Exam would report the cause's words instead of these
                throw new AssertionError("the agent runtime does not start with this plug-in: " + e.getMessage());
            }
        }
        plugin();
        return context().getService(await(() -> context().getServiceReference(ScannerRuntime.class), "the agent's scanner runtime"));
    }

    private ScannerRuntimeDTO awaitActive(ScannerRuntime runtime, String ecosystem) {
        return await(() -> {
            ScannerRuntimeDTO dto = runtime.getRuntimeDTO();
            return dto.active.contains(ecosystem) ? dto : null;
        }, () -> "the agent to count " + ecosystem + " as active; its runtime says " + describe(runtime.getRuntimeDTO(), ecosystem));
    }

    private static String describe(ScannerRuntimeDTO dto, String ecosystem) {
        List<String> failures = dto.failed.stream().filter(f -> ecosystem.equals(f.ecosystem) || f.ecosystem == null)
                .map(f -> (f.component == null ? f.ecosystem : f.component) + ": " + f.reason).toList();
        return "active " + dto.active + (failures.isEmpty() ? ", nothing failed" : ", failed " + failures);
    }

    @Test
    public void itsScannerJoinsTheAgentsRuntimeWithThePlatformsCommandRunner() throws InvalidSyntaxException {
        ScannerRuntime runtime = agent();
        for (String ecosystem : ecosystems()) {
            ScannerRuntimeDTO dto = awaitActive(runtime, ecosystem);
            List<FailedScannerDTO> failures = dto.failed.stream().filter(f -> ecosystem.equals(f.ecosystem)).toList();
            assertTrue("the agent reports the plug-in as failing: " + describe(dto, ecosystem), failures.isEmpty());
        }
        Bundle b = plugin();
        assertFalse("the plug-in registers no PackageScanner or HostReadings service", actingServices(b).isEmpty());
        // each of its components that takes a CommandRunner got the platform's (here the scripted host), no other
        ServiceComponentRuntime scr = context().getService(context().getServiceReference(ServiceComponentRuntime.class));
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (SatisfiedReferenceDTO ref : c.satisfiedReferences) {
                    boolean runner = Arrays.stream(d.references).anyMatch(r -> r.name.equals(ref.name)
                            && r.interfaceName.equals(CommandRunner.class.getName()));
                    if (runner) {
                        assertEquals(d.name + "'s CommandRunner is not the platform's service", 1, ref.boundServices.length);
                        assertEquals(d.name + " is bound to another CommandRunner than the agent's", (long) scripted()
                                .getProperty(Constants.SERVICE_ID), ref.boundServices[0].id);
                    }
                }
            }
        }
    }

    @Test
    public void aScanThroughTheAgentFindsWhatTheHostShows() throws Exception {
        ScannerRuntime runtime = agent();
        for (String ecosystem : ecosystems()) {
            scanThroughTheAgent(runtime, ecosystem);
        }
    }

    private void scanThroughTheAgent(ScannerRuntime runtime, String ecosystem) throws Exception {
        ScannerRuntimeDTO dto = awaitActive(runtime, ecosystem);
        ScanReportDTO direct = scanDirectly(ecosystem);
        ScriptedRunner host = host();
        assertTrue("the scan of " + ecosystem + " on the scripted host found nothing (" + direct.status
                + (direct.message == null ? "" : ": " + direct.message) + "): script() must show at least one update or"
                + " reading, or this proves nothing; the scanner ran " + host.commands() + ", the script answers "
                + host.prefixes(), !direct.updates.isEmpty()
                || !direct.readings.isEmpty());
        assertTrue("a scan of " + ecosystem + " on the scripted host failed: " + direct.message,
                direct.status != ScanStatus.FAILED && direct.status != ScanStatus.TOOL_MISSING);
        host.calls().forEach(c -> assertTrue("the scanner ran " + c.joined() + " without the context's deadline",
                c.deadline() != null && c.deadline().isAfter(Instant.now().minus(Duration.ofMinutes(1)))));

        Function<String[], Integer> cli = agentCommand();
        Printed printed = run(cli, "scan", ecosystem);
        if (dto.applicable.contains(ecosystem)) {
            assertEquals("redflag-agent scan " + ecosystem + " exited " + printed.code + ":\n" + printed.out + printed.said, 0,
                    printed.code);
            String count = !direct.readings.isEmpty() ? direct.readings.size() + " readings" : direct.updates.size() + " updates";
            assertTrue("redflag-agent scan " + ecosystem + " printed\n" + printed.out + "\nnot \"" + ecosystem + ": "
                    + direct.status + " … " + count + "\"", printed.out.startsWith(ecosystem + ": " + direct.status)
                    && printed.out.lines().findFirst().orElse("").endsWith(count));
            direct.updates.forEach(u -> assertTrue("the agent's scan does not show " + u.id + ":\n" + printed.out,
                    printed.out.contains("  " + (u.name != null ? u.name : u.id) + "  ")));
        } else {
            // a subsystem of another OS: the agent offers it nowhere but there, and says so
            assertEquals("redflag-agent scan " + ecosystem + " on " + dto.osFamily + ": " + printed.said, 2, printed.code);
            assertTrue(printed.said, printed.said.contains(ecosystem + " does not run on " + dto.osFamily));
        }
    }

    @Test
    public void stoppedItLeavesTheAgentsRuntimeAndStartedItComesBack() throws BundleException {
        ScannerRuntime runtime = agent();
        List<String> ecosystems = ecosystems();
        ecosystems.forEach(e -> awaitActive(runtime, e));
        Bundle b = plugin();
        b.stop();
        try {
            ScannerRuntimeDTO during = runtime.getRuntimeDTO();
            for (String ecosystem : ecosystems) {
                assertFalse("the agent still counts " + ecosystem + " active with its bundle stopped",
                        during.active.contains(ecosystem));
                assertTrue("the agent reports the stopped plug-in as failed: " + during.failed,
                        during.failed.stream().noneMatch(f -> ecosystem.equals(f.ecosystem)));
            }
        } finally {
            b.start();
        }
        for (String ecosystem : ecosystems) {
            ScannerRuntimeDTO after = awaitActive(runtime, ecosystem);
            assertTrue("after a restart the agent reports " + describe(after, ecosystem),
                    after.failed.stream().noneMatch(f -> ecosystem.equals(f.ecosystem)));
        }
    }

    /** The plug-in's scanner (or readings) service, called as the platform calls it. */
    private ScanReportDTO scanDirectly(String ecosystem) throws ScanException, InvalidSyntaxException {
        // as the agent does: the descriptor's default configuration (the operator set nothing here)
        SubsystemDescriptor descriptor = descriptors().stream()
                .filter(r -> ecosystem.equals(r.getProperty(SubsystemType.ECOSYSTEM))).findFirst()
                .map(r -> context().getService(r)).orElseThrow();
        ScanContext ctx = ScanContexts.asTheAgent(descriptor, Map.of(), Instant.now().plus(SCAN_DEADLINE));
        String filter = "(scanner.ecosystem=" + ecosystem + ")";
        Collection<ServiceReference<PackageScanner>> scanners = context().getServiceReferences(PackageScanner.class, filter);
        if (!scanners.isEmpty()) {
            return context().getService(scanners.iterator().next()).scan(ctx);
        }
        Collection<ServiceReference<HostReadings>> readers = context().getServiceReferences(HostReadings.class, filter);
        if (!readers.isEmpty()) {
            return context().getService(readers.iterator().next()).read(ctx);
        }
        fail("no PackageScanner or HostReadings service with " + filter);
        return null;
    }

    @SuppressWarnings("unchecked")
    private Function<String[], Integer> agentCommand() throws InvalidSyntaxException {
        Collection<ServiceReference<Function>> refs = context().getServiceReferences(Function.class, "(redflag.cli=agent)");
        assertFalse("the agent's command line is not in the framework", refs.isEmpty());
        return context().getService(refs.iterator().next());
    }

    /** What the agent's command printed: its standard output, and its own lines ("redflag-agent: …") on the error stream. */
    private record Printed(int code, String out, String said) {}

    /** The agent's command, as {@code redflag-agent ARGS} runs it. */
    private static Printed run(Function<String[], Integer> cli, String... args) {
        synchronized (System.class) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            try {
                int code = cli.apply(args);
                // other threads may log on the error stream meanwhile: only the command's own lines count
                String said = String.join("\n", stderr.toString(StandardCharsets.UTF_8).lines()
                        .filter(l -> l.startsWith("redflag-agent: ")).toList());
                return new Printed(code, stdout.toString(StandardCharsets.UTF_8), said);
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }
}
