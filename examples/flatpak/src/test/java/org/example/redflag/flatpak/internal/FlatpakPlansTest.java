// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.example.redflag.flatpak.internal.FlatpakTables.Available;
import org.example.redflag.flatpak.internal.FlatpakTables.Installed;
import org.junit.jupiter.api.Test;

/** Plans worked out from the listings, checked against what the real flatpak did and said it would do. */
class FlatpakPlansTest {

    private static final String HELLO = "app/org.example.Hello/x86_64/stable";
    private static final String CLOCK = "app/org.example.Clock/x86_64/stable";
    private static final String PLATFORM2 = "runtime/org.example.Platform/x86_64/2.0";

    private final List<Installed> installed = read(() -> FlatpakTables.installed(Captures.stdout("v2-list")));
    private final List<Available> available = read(() -> FlatpakTables.updates(Captures.stdout("v2-updates")));
    private final Map<String, String> commits = Map.of(PLATFORM2,
            FlatpakTables.commit(Captures.stdout("v2-new-runtime-commit")));

    @Test
    void theScansUpdatesPutTheInstalledBuildBesideTheAvailableOne() {
        List<PackageUpdateDTO> updates = FlatpakPlans.updates(installed, available);
        PackageUpdateDTO hello = updates.get(1);
        assertEquals(HELLO, hello.id);
        assertEquals("Hello", hello.name);
        assertEquals("1.0.0 (c6ba02ca5786)", hello.installedVersion);
        assertEquals("2.0.0 (57d6a13fb269)", hello.availableVersion);
        assertEquals("example", hello.source);
        assertEquals("x86_64", hello.architecture);
        assertEquals(497L, hello.downloadSize);
        PackageUpdateDTO platform = updates.get(3);
        assertEquals("1.0.3 (5776dafff0b1)", platform.installedVersion);
        assertEquals("1.0.3 (a0434e7405c8)", platform.availableVersion, "same version, another build: still an update");
        assertEquals("e8c61db4055f", updates.get(2).installedVersion);
    }

    @Test
    void thePlanIsTheTransactionFlatpakCarriedOut() throws Exception {
        TransactionPlanDTO plan = FlatpakPlans.plan(List.of(HELLO, CLOCK), installed, available, commits);
        // what flatpak update -y --noninteractive HELLO CLOCK printed on the same scene
        Set<String> done = FlatpakTables.steps(Captures.stdout("v2-install")).stream()
                .map(s -> (s.verb().equals("Installing") ? "INSTALL " : "UPGRADE ") + s.ref().full())
                .collect(Collectors.toSet());
        assertEquals(done, plan.changes.stream().map(c -> c.action + " " + c.name).collect(Collectors.toSet()));
        PackageChangeDTO install = plan.changes.stream().filter(c -> c.name.equals(PLATFORM2)).findFirst().orElseThrow();
        assertEquals(ChangeAction.INSTALL, install.action);
        assertEquals("557235d665c1", install.toVersion, "a new runtime's commit is part of the plan too");
        PackageChangeDTO hello = plan.changes.stream().filter(c -> c.name.equals(HELLO)).findFirst().orElseThrow();
        assertEquals("1.0.0 (c6ba02ca5786)", hello.fromVersion);
        assertEquals("2.0.0 (57d6a13fb269)", hello.toVersion);
        assertTrue(plan.notes.stream().anyMatch(n -> n.startsWith(PLATFORM2 + " is installed for " + CLOCK)), plan.notes.toString());
    }

    @Test
    void helloAloneBringsItsLocaleAndItsRuntimeAsFlatpaksOwnPreviewSays() {
        TransactionPlanDTO plan = FlatpakPlans.plan(List.of(HELLO), installed, available, Map.of());
        // flatpak update HELLO, answered "n": 1. org.example.Hello.Locale stable u, 2. org.example.Platform 1.0 u, 3. Hello
        Set<String> previewed = Captures.stdout("v2-update-preview-hello").lines()
                .filter(l -> l.matches(" \\d+\\.\t.*"))
                .map(l -> l.split("\t")[2] + "//" + l.split("\t")[3] + " " + l.split("\t")[4]).collect(Collectors.toSet());
        assertEquals(Set.of("org.example.Hello.Locale//stable u", "org.example.Platform//1.0 u", "org.example.Hello//stable u"),
                previewed);
        assertEquals(Set.of("runtime/org.example.Hello.Locale/x86_64/stable", "runtime/org.example.Platform/x86_64/1.0", HELLO),
                plan.changes.stream().map(c -> c.name).collect(Collectors.toSet()));
    }

    @Test
    void anotherCommitOnTheRemoteIsAnotherPlanEvenWithTheSameVersion() throws Exception {
        String approved = TransactionPlans.hash(FlatpakPlans.plan(List.of(HELLO), installed, available, Map.of()));
        // the remote moved on but the appstream data did not (capture move: same "2.0.0", another commit)
        List<Available> moved = FlatpakTables.updates(Captures.stdout("v2-updates").replace("57d6a13fb269", "7db5ee603728"));
        assertNotEquals(approved, TransactionPlans.hash(FlatpakPlans.plan(List.of(HELLO), installed, moved, Map.of())));
        assertEquals(approved, TransactionPlans.hash(FlatpakPlans.plan(List.of(HELLO), installed, available, Map.of())));
    }

    @Test
    void refsWithoutAnUpdateAreNotesNotChanges() {
        TransactionPlanDTO plan = FlatpakPlans.plan(List.of("app/org.example.Notes/x86_64/stable",
                "app/org.example.Absent/x86_64/stable"), installed, available, Map.of());
        assertTrue(plan.changes.isEmpty());
        assertEquals(List.of("app/org.example.Notes/x86_64/stable is up to date",
                "app/org.example.Absent/x86_64/stable is not installed in this installation: nothing to update"), plan.notes);
    }

    @Test
    void onlyAppsNeedMissingRuntimes() {
        assertEquals(Map.of(PLATFORM2, "example"), FlatpakPlans.missingRuntimes(List.of(HELLO, CLOCK), installed, available));
        assertTrue(FlatpakPlans.missingRuntimes(List.of(HELLO), installed, available).isEmpty());
    }

    interface Reading<T> {
        T get() throws Exception;
    }

    private static <T> T read(Reading<T> r) {
        try {
            return r.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
