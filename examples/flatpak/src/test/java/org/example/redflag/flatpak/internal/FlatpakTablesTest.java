// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.ScanException;
import java.util.List;
import org.example.redflag.flatpak.internal.FlatpakTables.Available;
import org.example.redflag.flatpak.internal.FlatpakTables.Installed;
import org.junit.jupiter.api.Test;

/** The parsers on the real captures (tools/capture.sh, flatpak 1.14.10 on Debian 12). */
class FlatpakTablesTest {

    private static final List<String> PENDING = List.of("app/org.example.Clock/x86_64/stable",
            "app/org.example.Hello/x86_64/stable", "runtime/org.example.Hello.Locale/x86_64/stable",
            "runtime/org.example.Platform/x86_64/1.0");

    @Test
    void readsTheInstalledRefsExtensionsIncluded() throws Exception {
        List<Installed> rows = FlatpakTables.installed(Captures.stdout("v2-list"));
        assertEquals(List.of("org.example.Clock/x86_64/stable", "org.example.Hello/x86_64/stable",
                "org.example.Hello.Locale/x86_64/stable", "org.example.Notes/x86_64/stable",
                "org.example.Platform/x86_64/1.0"), rows.stream().map(i -> i.ref().partial()).toList());
        Installed hello = rows.get(1);
        assertEquals("example", hello.origin());
        assertEquals("c6ba02ca5786", hello.commit());
        assertEquals("1.0.0", hello.version());
        assertEquals("Hello", hello.name());
        Installed locale = rows.get(2);
        assertNull(locale.version(), "an extension without appstream data has an empty version column");
        assertEquals("Hello translations", locale.name());
    }

    @Test
    void readsThePendingUpdatesWhoseTrailingEmptyColumnsFlatpakLeavesOut() throws Exception {
        List<Available> rows = FlatpakTables.updates(Captures.stdout("v2-updates"));
        assertEquals(PENDING, rows.stream().map(a -> a.ref().full()).toList());
        Available clock = rows.get(0);
        assertEquals("73bea5f314f1", clock.commit());
        assertEquals("3.0 beta 2", clock.version(), "a version is free text, blanks included");
        assertEquals(458L, clock.downloadSize());
        assertEquals("org.example.Platform/x86_64/2.0", clock.runtime().partial());
        Available locale = rows.get(2);
        assertNull(locale.version());
        assertEquals(115L, locale.downloadSize());
        assertNull(locale.runtime(), "a runtime's row ends after the download size: no runtime column at all");
        assertEquals("a0434e7405c8", rows.get(3).commit());
        assertEquals("1.0.3", rows.get(3).version(), "a rebuild with the same version: only the commit differs");
    }

    @Test
    void withoutFreshAppstreamTheVersionsAreThoseOfThePreviousBuilds() throws Exception {
        // the trap the scanner's appstream refresh avoids: new commits beside the old builds' versions
        List<Available> stale = FlatpakTables.updates(Captures.stdout("v2-updates-stale-appstream"));
        assertEquals("1.0.0", stale.get(1).version());
        assertEquals("57d6a13fb269", stale.get(1).commit());
    }

    @Test
    void theGermanAndThePlainCListingsReadLikeTheScannersOwn() throws Exception {
        List<Available> c = FlatpakTables.updates(Captures.stdout("v2-updates"));
        assertEquals(c, FlatpakTables.updates(Captures.stdout("v2-updates-de")), "458 Bytes reads as 458 bytes");
        assertEquals(c, FlatpakTables.updates(Captures.stdout("v2-updates-c-locale")));
        assertEquals(c, FlatpakTables.updates(Captures.stdout("v2-updates-columns30")), "COLUMNS is ignored without a tty");
        List<Installed> de = FlatpakTables.installed(Captures.stdout("v2-list-de"));
        assertEquals("Hello \u00DCbersetzungen", de.get(2).name(), "flatpak names a Locale extension in the user's language");
    }

    @Test
    void aTerminalsCopyGivesRefsAndCommitsButNoVersionsAndNeverItsHeader() throws Exception {
        for (String tty : List.of("v2-updates-tty60", "v2-updates-tty200")) {
            List<Available> rows = FlatpakTables.updates(Captures.tty(tty));
            assertEquals(PENDING, rows.stream().map(a -> a.ref().full()).toList(), tty);
            assertEquals("73bea5f314f1", rows.get(0).commit(), tty);
            assertNull(rows.get(0).version(), tty + ": padded columns cannot tell a free-text version from the next column");
        }
        List<Installed> list = FlatpakTables.installed(Captures.tty("v2-list-tty60"));
        assertEquals(5, list.size());
        assertNull(list.get(1).name(), "the name column was a bare '…' at 60 columns");
    }

    @Test
    void aCutRefAndALineWithoutItsNewlineAreNeverReported() throws Exception {
        String real = Captures.stdout("v2-updates");
        // cut in the middle of Hello's version: "2.0" must not pass for Hello's version, the row goes
        String cut = real.substring(0, real.indexOf("2.0.0\t497") + 3);
        List<Available> rows = FlatpakTables.updates(cut);
        assertEquals(List.of("app/org.example.Clock/x86_64/stable"), rows.stream().map(a -> a.ref().full()).toList());
        String ellipsized = "app/org.example.Hel\u2026\texample\t57d6a13fb269\t2.0.0\t497 bytes\n"
                + "\u2026/org.example.Hello/x86_64/stable\texample\t57d6a13fb269\t2.0.0\t497 bytes\n"
                + "app/org.example.Clock/x86_64/stable\texample\t73bea5f314f1\t3.0 be\u2026\t458 bytes\n";
        List<Available> read = FlatpakTables.updates(ellipsized);
        assertEquals(1, read.size());
        assertNull(read.get(0).version(), "a cut version is dropped, not reported as '3.0 be…'");
    }

    @Test
    void emptyInstallationsGiveEmptyListings() throws Exception {
        assertTrue(FlatpakTables.installed(Captures.stdout("empty-list")).isEmpty());
        assertTrue(FlatpakTables.updates(Captures.stdout("empty-updates")).isEmpty());
        assertEquals("\n", Captures.stdout("empty-remotes"), "flatpak remotes prints one empty line for no remote");
        assertTrue(FlatpakTables.remotes(Captures.stdout("empty-remotes")).isEmpty());
        assertTrue(FlatpakTables.updates(Captures.stdout("gone-updates")).isEmpty(),
                "refs whose remote is gone: remote-ls lists nothing and says nothing");
    }

    @Test
    void readsRemotesCommitsAndSteps() throws Exception {
        assertEquals(List.of("broken", "example"), FlatpakTables.remotes(Captures.stdout("broken-remotes")));
        assertEquals("557235d665c13d6342478ed70d3bbf397dbe7ad9e2c1f8fb4ebe7a2b4f0284f9",
                FlatpakTables.commit(Captures.stdout("v2-new-runtime-commit")));
        assertNull(FlatpakTables.commit(Captures.stdout("v2-remote-info-unknown")));
        assertNull(FlatpakTables.commit("557235d665c1\n"), "remote-info --show-commit prints the whole checksum");
        assertEquals(List.of("Updating runtime/org.example.Hello.Locale/x86_64/stable",
                "Updating runtime/org.example.Platform/x86_64/1.0", "Updating app/org.example.Hello/x86_64/stable",
                "Installing runtime/org.example.Platform/x86_64/2.0", "Updating app/org.example.Clock/x86_64/stable"),
                FlatpakTables.steps(Captures.stdout("v2-install")).stream().map(s -> s.verb() + " " + s.ref().full()).toList());
    }

    @Test
    void errorsAreTakenFromFlatpaksErrorLine() {
        assertEquals("error: Unable to load summary from remote broken: Remote listing for broken not available; server "
                + "has no summary file. Check the URL passed to remote-add was valid.",
                FlatpakTables.lastError(Captures.stderr("broken-updates")));
        assertTrue(FlatpakTables.lastError(Captures.stderr("broken-appstream")).startsWith("Error updating: "));
        assertEquals("Fehler: app/org.example.Nope/x86_64/stable not installed",
                FlatpakTables.lastError(Captures.stderr("v2-install-unknown-ref-de")));
        assertNull(FlatpakTables.lastError(""));
    }

    @Test
    void sizesAreReadInEveryFormFlatpakPrints() {
        String installed = Captures.stdout("v2-info").lines().filter(l -> l.strip().startsWith("Installed:"))
                .findFirst().orElseThrow().replaceFirst(".*Installed: ", "");
        assertEquals("1.5\u00A0kB", installed, "GLib puts a no-break space between number and unit");
        assertEquals(1500L, FlatpakTables.size(installed));
        assertEquals(497L, FlatpakTables.size("497 bytes"));
        assertEquals(1500L, FlatpakTables.size("1,5 KB"));
        assertEquals(12_300_000L, FlatpakTables.size("12.3 MB"));
        assertNull(FlatpakTables.size("a lot"));
        assertNull(FlatpakTables.size("12 parsecs"));
    }

    @Test
    void textThatIsNoListingIsRefusedWithAScanException() {
        assertThrows(ScanException.class, () -> FlatpakTables.updates(Captures.stdout("v2-list")),
                "flatpak list's partial refs are not remote-ls rows");
        assertThrows(ScanException.class, () -> FlatpakTables.updates("error: something\n"));
        assertThrows(ScanException.class, () -> FlatpakTables.installed("x".repeat(FlatpakTables.MAX_CHARS + 1)));
        assertThrows(ScanException.class, () -> FlatpakTables.updates(null));
    }
}
