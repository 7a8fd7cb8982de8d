// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scanner over a ScriptedRunner that answers with the real captures. */
class FlatpakScannerTest {

    static final FlatpakCommands USER = FlatpakCommands.of(Map.of("installation", "user"));
    static final String APPSTREAM = p(USER.appstream());
    static final String LIST = p(USER.list());
    static final String REMOTES = p(USER.remotes());
    static final String UPDATES = p(USER.updates(null));
    static final String INSTALL = "flatpak update --user -y";
    static final String HELLO = "app/org.example.Hello/x86_64/stable";
    static final String CLOCK = "app/org.example.Clock/x86_64/stable";

    private final ScanContext user = ScanContexts.with(Map.of("installation", "user"));

    static String p(List<String> command) {
        return String.join(" ", command);
    }

    /** The scene after version 2 was published (captures v2-*). */
    static ScriptedRunner version2() {
        return version2(new ScriptedRunner());
    }

    /** Scripts that runner for the scene after version 2 was published. */
    static ScriptedRunner version2(ScriptedRunner runner) {
        return runner.answer(APPSTREAM, Captures.result("v2-appstream"))
                .answer(LIST, Captures.result("v2-list"))
                .answer(REMOTES, Captures.result("v1-remotes"))
                .answer(UPDATES, Captures.result("v2-updates"))
                .answer(p(USER.remoteCommit("example", "runtime/org.example.Platform/x86_64/2.0")),
                        Captures.result("v2-new-runtime-commit"));
    }

    @Test
    void aScanRefreshesAppstreamThenListsInstalledRefsRemotesAndUpdatesInUtf8() throws Exception {
        ScriptedRunner host = version2();
        ScanReportDTO report = new FlatpakScanner(host).scan(user);
        assertEquals(ScanStatus.OK, report.status, report.message);
        assertEquals(List.of(APPSTREAM, LIST, REMOTES, UPDATES), host.commands());
        host.environments().forEach(env -> assertEquals(Map.of("LC_ALL", "C.UTF-8"), env));
        host.calls().forEach(c -> assertEquals(user.deadline(), c.deadline()));
        assertEquals(List.of(CLOCK, HELLO, "runtime/org.example.Hello.Locale/x86_64/stable",
                "runtime/org.example.Platform/x86_64/1.0"), report.updates.stream().map(u -> u.id).toList());
        assertEquals("2.9 (557e2ba5485a)", report.updates.get(0).installedVersion);
        assertEquals("3.0 beta 2 (73bea5f314f1)", report.updates.get(0).availableVersion);
        assertTrue(report.notes.isEmpty(), report.notes.toString());
    }

    @Test
    void theSystemInstallationIsTheDefaultAndANamedOneCanBeChosen() throws Exception {
        assertEquals(Map.of("installation", "system", "appstream.refresh", "true"),
                new FlatpakDescriptor().defaultConfiguration());
        ScriptedRunner host = new ScriptedRunner().answer("flatpak", 0, "");
        new FlatpakScanner(host).scan(ScanContexts.standard());
        assertEquals("flatpak update --system --appstream", host.commands().get(0));
        assertEquals("flatpak list --system --all --columns=ref,origin,active,version,name", host.commands().get(1));
        host.clearCalls();
        new FlatpakScanner(host).scan(ScanContexts.with(Map.of("installation", "extra-disk", "appstream.refresh", "false")));
        assertEquals("flatpak list --installation=extra-disk --all --columns=ref,origin,active,version,name",
                host.commands().get(0), "no appstream refresh when it is turned off");
    }

    @Test
    void aBadConfigurationFailsTheScanInWordsAndRunsNothing() throws Exception {
        ScriptedRunner host = version2();
        ScanReportDTO r = new FlatpakScanner(host).scan(ScanContexts.with(Map.of("installation", "--system; rm")));
        assertEquals(ScanStatus.FAILED, r.status);
        assertTrue(r.message.startsWith("configuration installation must be"), r.message);
        r = new FlatpakScanner(host).scan(ScanContexts.with(Map.of("appstream.refresh", "sometimes")));
        assertEquals(ScanStatus.FAILED, r.status);
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void oneUnreadableRemoteDoesNotHideTheOthersUpdates() throws Exception {
        // flatpak remote-ls --updates fails as a whole when one remote cannot be read (capture broken-updates)
        ScriptedRunner host = version2().answer(REMOTES, Captures.result("broken-remotes"))
                .answer(UPDATES, Captures.result("broken-updates"))
                .answer(UPDATES + " example", Captures.result("broken-updates-example"))
                .answer(APPSTREAM, Captures.result("broken-appstream"));
        ScanReportDTO r = new FlatpakScanner(host).scan(user);
        assertEquals(ScanStatus.OK, r.status, "no installed ref comes from the broken remote");
        assertEquals(4, r.updates.size());
        assertEquals(List.of(APPSTREAM, LIST, REMOTES, UPDATES, UPDATES + " example"), host.commands());
        assertTrue(r.notes.get(0).startsWith("appstream data: Error updating: "), r.notes.toString());
        assertTrue(r.notes.get(1).startsWith("flatpak remote-ls failed (error: Unable to load summary from remote broken"),
                r.notes.toString());

        host.answer(UPDATES + " example", Captures.result("broken-updates-broken"));
        r = new FlatpakScanner(host).scan(user);
        assertEquals(ScanStatus.FAILED, r.status, "the only remote that matters could not be read");
        assertTrue(r.message.contains("remote example: error: Unable to load summary"), r.message);
    }

    @Test
    void refsWhoseRemoteIsGoneAreSaidBecauseFlatpakSaysNothing() throws Exception {
        ScriptedRunner host = version2().answer(LIST, Captures.result("gone-list"))
                .answer(REMOTES, Captures.result("gone-remotes")).answer(UPDATES, Captures.result("gone-updates"));
        ScanReportDTO r = new FlatpakScanner(host).scan(user);
        assertEquals(ScanStatus.OK, r.status);
        assertTrue(r.updates.isEmpty());
        assertEquals(List.of("remote 'example' is no longer configured: 6 installed ref(s) from it are never checked "
                + "for updates"), r.notes);
    }

    @Test
    void failuresAreReportsNotExceptions() throws Exception {
        assertEquals(ScanStatus.TOOL_MISSING, new FlatpakScanner(new ScriptedRunner().missing("flatpak")).scan(user).status);
        ScanReportDTO r = new FlatpakScanner(version2().answer(LIST, 1, "", "error: something broke\n")).scan(user);
        assertEquals(ScanStatus.FAILED, r.status);
        assertEquals("flatpak list exited with code 1: error: something broke", r.message);
        r = new FlatpakScanner(version2().answer(UPDATES, 0, "this is not a listing\n")).scan(user);
        assertEquals(ScanStatus.FAILED, r.status);
        r = new FlatpakScanner(version2().answer(APPSTREAM, 1, "", "error: no network\n")).scan(user);
        assertEquals(ScanStatus.PARTIAL, r.status, "versions may be stale, the commits are still right");
        assertEquals(4, r.updates.size());
        r = new FlatpakScanner(version2().timeout(UPDATES, "app/org.example.Clock/x86_64/stable\texample\t73be")).scan(user);
        assertEquals(ScanStatus.FAILED, r.status);
        assertEquals("flatpak remote-ls did not finish before the deadline", r.message);
    }

    @Test
    void aDryRunPlansHelloAndClockWithTheirRuntimesAndExtensions() throws Exception {
        ScriptedRunner host = version2();
        TransactionPlanDTO plan = new FlatpakScanner(host).dryRun(user, List.of(HELLO, CLOCK));
        assertEquals(5, plan.changes.size());
        assertEquals(List.of(LIST, UPDATES, p(USER.remoteCommit("example", "runtime/org.example.Platform/x86_64/2.0"))),
                host.commands(), "no appstream refresh in a dry run: it changes nothing on the host");
        String hash = TransactionPlans.hash(plan);
        assertEquals(hash, TransactionPlans.hash(new FlatpakScanner(version2()).dryRun(user, List.of(HELLO, CLOCK))));
        ScriptedRunner moved = version2().answer(p(USER.remoteCommit("example", "runtime/org.example.Platform/x86_64/2.0")),
                0, "99" + "0".repeat(62) + "\n");
        assertNotEquals(hash, TransactionPlans.hash(new FlatpakScanner(moved).dryRun(user, List.of(HELLO, CLOCK))),
                "the new runtime moved on: another plan");
    }

    @Test
    void onlyFullRefsReachFlatpak() {
        ScriptedRunner host = version2();
        FlatpakScanner scanner = new FlatpakScanner(host);
        for (String bad : List.of("--system", "org.example.Hello", "app/org.example.Hello", "app/org.example.Hello/x86_64/",
                "app/org.example.Hello/x86_64/stable --no-deps", "app/../x86_64/stable", "runtime/-x.y/x86_64/1",
                "app/org.example.Hello/x86_64/stable\n", "")) {
            assertThrows(ScanException.class, () -> scanner.dryRun(user, List.of(HELLO, bad)), bad);
            assertThrows(ScanException.class, () -> scanner.install(user, List.of(bad)), bad);
        }
        assertTrue(host.commands().isEmpty());
    }

    @Test
    void aDryRunNeedsTheRemotesOfTheRequestedRefs() {
        ScriptedRunner host = version2().answer(UPDATES, Captures.result("broken-updates"))
                .answer(UPDATES + " example", Captures.result("broken-updates-broken"));
        ScanException e = assertThrows(ScanException.class, () -> new FlatpakScanner(host).dryRun(user, List.of(HELLO)));
        assertTrue(e.getMessage().contains("example"), e.getMessage());
    }

    @Test
    void anInstallUpdatesTheApprovedRefsAndChecksWhatItReached() throws Exception {
        ScriptedRunner host = version2().thenAnswer(LIST, Captures.result("after-list"))
                .answer(INSTALL, Captures.result("v2-install"));
        InstallResultDTO r = new FlatpakScanner(host).install(user, List.of(HELLO, CLOCK));
        assertTrue(r.success, r.message);
        assertEquals(List.of(LIST, UPDATES, "flatpak update --user -y --noninteractive " + HELLO + " " + CLOCK, LIST),
                host.commands());
        assertEquals(List.of(HELLO, CLOCK, "runtime/org.example.Hello.Locale/x86_64/stable",
                "runtime/org.example.Platform/x86_64/1.0"), r.installed);
        assertEquals("updated " + HELLO + ", " + CLOCK + ", runtime/org.example.Hello.Locale/x86_64/stable, "
                + "runtime/org.example.Platform/x86_64/1.0", r.message);
        assertEquals(Captures.stdout("v2-install"), r.output);
        assertFalse(r.rebootRequired);
    }

    @Test
    void anInstallThatReachedAnotherBuildSaysSo() throws Exception {
        // the remote moved on between the platform's plan check and the install itself
        CommandResult after = Captures.result("after-list");
        after.stdout = after.stdout.replace("57d6a13fb269", "7db5ee603728");
        ScriptedRunner host = version2().thenAnswer(LIST, after).answer(INSTALL, Captures.result("v2-install"));
        InstallResultDTO r = new FlatpakScanner(host).install(user, List.of(HELLO));
        assertFalse(r.success);
        assertEquals(HELLO + " is at 7db5ee603728, not at the planned 57d6a13fb269", r.message);
    }

    @Test
    void aRefWithoutAnUpdateIsNeitherInstalledNorAFailure() throws Exception {
        ScriptedRunner host = version2().answer(LIST, Captures.result("after-list"))
                .answer(UPDATES, Captures.result("after-updates")).answer(INSTALL, Captures.result("v2-install-again"));
        InstallResultDTO r = new FlatpakScanner(host).install(user, List.of(HELLO));
        assertTrue(r.success, r.message);
        assertTrue(r.installed.isEmpty());
        assertEquals("nothing was updated; no update for " + HELLO, r.message);
    }

    @Test
    void aFailedInstallGivesFlatpaksError() throws Exception {
        ScriptedRunner host = version2().answer(INSTALL, Captures.result("v2-install-unknown-ref"));
        InstallResultDTO r = new FlatpakScanner(host).install(user, List.of("app/org.example.Nope/x86_64/stable"));
        assertFalse(r.success);
        assertEquals(1, r.exitCode);
        assertEquals("flatpak update exited with code 1: error: app/org.example.Nope/x86_64/stable not installed; "
                + "app/org.example.Nope/x86_64/stable is not installed", r.message);
    }
}
