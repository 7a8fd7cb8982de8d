// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.process.ProcessCommandRunner;
import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.scanner.testkit.ScanContexts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against the real flatpak of this machine, in a scene of its own (tools/capture.sh setup: a local
 * repository, a per-user installation in a temporary folder; the host's installations are never touched). Runs only with
 * {@code mvn verify -Preal-flatpak}, and then fails — never skips — when flatpak is missing.
 */
@Tag("real-flatpak")
class FlatpakOnThisMachineTest {

    private static final String HELLO = "app/org.example.Hello/x86_64/stable";
    private static final String CLOCK = "app/org.example.Clock/x86_64/stable";
    private static final String LOCALE = "runtime/org.example.Hello.Locale/x86_64/stable";
    private static final String PLATFORM1 = "runtime/org.example.Platform/x86_64/1.0";
    private static final String PLATFORM2 = "runtime/org.example.Platform/x86_64/2.0";

    @TempDir
    Path tmp;

    @Test
    void scansPlansAndInstallsWithTheRealFlatpak() throws Exception {
        assertTrue(onPath("flatpak"), "-Preal-flatpak runs this machine's flatpak, and there is no flatpak on the PATH ("
                + System.getenv("PATH") + "): install it (Debian: apt-get install flatpak) or build without -Preal-flatpak");
        Path scene = tmp.resolve("scene");
        CommandRunner runner = inScene(capture("setup", scene));
        FlatpakScanner scanner = new FlatpakScanner(runner);
        ScanContext ctx = ScanContexts.with(Map.of("installation", "user"));

        // the scan finds what the captures hold: they still describe this machine's flatpak
        ScanReportDTO scan = scanner.scan(ctx);
        assertEquals(ScanStatus.OK, scan.status, scan.message);
        List<PackageUpdateDTO> captured = FlatpakPlans.updates(FlatpakTables.installed(Captures.stdout("v2-list")),
                FlatpakTables.updates(Captures.stdout("v2-updates")));
        assertEquals(describe(captured), describe(scan.updates), "this flatpak no longer prints what the captures hold: "
                + "run tools/capture.sh capture and look at what changed");

        // the plan: Hello and Clock with the Locale, Platform//1.0 updated and Platform//2.0 installed, commits named
        TransactionPlanDTO plan = scanner.dryRun(ctx, List.of(HELLO, CLOCK));
        assertEquals(Set.of("UPGRADE " + HELLO, "UPGRADE " + CLOCK, "UPGRADE " + LOCALE, "UPGRADE " + PLATFORM1,
                "INSTALL " + PLATFORM2), Set.copyOf(plan.changes.stream().map(c -> c.action + " " + c.name).toList()));
        assertEquals("557235d665c1", change(plan, PLATFORM2).toVersion);
        String approved = TransactionPlans.hash(plan);
        assertEquals(approved, TransactionPlans.hash(scanner.dryRun(ctx, List.of(HELLO, CLOCK))), "same host, same plan");

        // the remote moves on (Hello 2.0.1, appstream not refreshed): the version still reads 2.0.0, the plan changes
        capture("move", scene);
        TransactionPlanDTO moved = scanner.dryRun(ctx, List.of(HELLO, CLOCK));
        assertNotEquals(approved, TransactionPlans.hash(moved), "the remote moved on: the platform must not install");
        String helloTo = change(moved, HELLO).toVersion;
        assertTrue(helloTo.startsWith("2.0.0 (") && !helloTo.equals(change(plan, HELLO).toVersion), helloTo);

        // a second remote that cannot be read: flatpak's own listing fails, the scanner lists per remote
        capture("break", scene);
        ScanReportDTO broken = scanner.scan(ctx);
        assertEquals(ScanStatus.OK, broken.status, broken.message);
        assertTrue(broken.notes.stream().anyMatch(n -> n.contains("remote broken")), broken.notes.toString());
        PackageUpdateDTO hello = broken.updates.stream().filter(u -> u.id.equals(HELLO)).findFirst().orElseThrow();
        assertTrue(hello.availableVersion.startsWith("2.0.1 ("), "the scan refreshed appstream: " + hello.availableVersion);

        // the install reaches the commits of the plan just computed, and says which refs changed
        InstallResultDTO result = scanner.install(ctx, List.of(HELLO, CLOCK));
        assertTrue(result.success, result.message + "\n" + result.output);
        assertEquals(Set.of(HELLO, CLOCK, LOCALE, PLATFORM1), Set.copyOf(result.installed), result.message);
        List<FlatpakTables.Installed> now = FlatpakTables.installed(runner.run(ctx.deadline(),
                FlatpakCommands.of(ctx.configuration()).list(), FlatpakCommands.ENVIRONMENT).stdout);
        assertEquals(FlatpakVersions.commitOf(helloTo), FlatpakPlans.byPartialRef(now).get("org.example.Hello/x86_64/stable")
                .commit());
        assertTrue(FlatpakPlans.byPartialRef(now).containsKey("org.example.Platform/x86_64/2.0"));
        ScanReportDTO after = scanner.scan(ctx);
        assertTrue(after.updates.isEmpty(), after.updates.toString());
    }

    private static PackageChangeDTO change(TransactionPlanDTO plan, String ref) {
        return plan.changes.stream().filter(c -> c.name.equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError(ref + " is not in the plan " + plan.changes));
    }

    private static List<String> describe(List<PackageUpdateDTO> updates) {
        return updates.stream().map(u -> String.join(" | ", u.id, u.name, String.valueOf(u.installedVersion),
                u.availableVersion, u.source, u.architecture, String.valueOf(u.downloadSize))).toList();
    }

    /** Runs tools/capture.sh MODE DIR; for setup, the environment it prints. */
    private static Map<String, String> capture(String mode, Path scene) throws Exception {
        Path script = Path.of("tools", "capture.sh").toAbsolutePath();
        assertTrue(Files.isRegularFile(script), script + " is missing (run the test from the project's folder)");
        Process p = new ProcessBuilder("bash", script.toString(), mode, scene.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "capture.sh " + mode + " did not finish");
        assertEquals(0, p.exitValue(), "capture.sh " + mode + " failed:\n" + new String(err, StandardCharsets.UTF_8) + out);
        Map<String, String> env = new LinkedHashMap<>();
        out.lines().filter(l -> l.matches("[A-Z_]+=.*")).forEach(l -> env.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return env;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The agent's own process runner (RedFlag's {@code io.redflag.process}, which the test kit brings), with the scene's
     * environment (its FLATPAK_USER_DIR and friends) under what the scanner sets: the scanner runs exactly as on an agent
     * whose user installation is the scene.
     */
    private static CommandRunner inScene(Map<String, String> scene) {
        CommandRunner agents = new ProcessCommandRunner();
        return (deadline, command, environment) -> {
            Map<String, String> env = new java.util.HashMap<>(scene);
            env.putAll(environment == null ? Map.of() : environment);
            return agents.run(deadline, command, env);
        };
    }
}
