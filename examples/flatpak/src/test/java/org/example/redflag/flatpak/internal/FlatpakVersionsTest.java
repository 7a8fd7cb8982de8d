// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.version.VersionOrdering;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatpakVersionsTest {

    private final VersionOrdering o = new FlatpakDescriptor().versionOrdering();

    @Test
    void aReportedVersionNamesItsCommit() {
        assertEquals("2.0.0 (57d6a13fb269)", FlatpakVersions.format("2.0.0", "57d6a13fb269"));
        assertEquals("d9c4d6183353", FlatpakVersions.format(null, "d9c4d6183353"), "no version: the commit alone");
        assertEquals("2.0.0 (557235d665c1)", FlatpakVersions.format("2.0.0",
                "557235d665c13d6342478ed70d3bbf397dbe7ad9e2c1f8fb4ebe7a2b4f0284f9"), "a full checksum is cut to flatpak's 12");
        assertNull(FlatpakVersions.format("2.0.0", null));
        assertEquals("57d6a13fb269", FlatpakVersions.commitOf("2.0.0 (57d6a13fb269)"));
        assertEquals("d9c4d6183353", FlatpakVersions.commitOf("d9c4d6183353"));
        assertNull(FlatpakVersions.commitOf("2.0.0"));
    }

    @Test
    void versionTextsOrderNaturally() {
        assertEquals("flatpak", o.scheme());
        List<String> ordered = List.of("d9c4d6183353", "0.5 (2d73435dc0a6)", "1.0.0 (c6ba02ca5786)", "1.0.3 (5776dafff0b1)",
                "1.0.3 (a0434e7405c8)", "2.0.0 (57d6a13fb269)", "2.9 (557e2ba5485a)", "3.0 (111111111111)",
                "3.0 beta 2 (73bea5f314f1)", "3.0.1 (222222222222)", "10.0 (333333333333)");
        List<String> shuffled = new ArrayList<>(ordered);
        java.util.Collections.reverse(shuffled);
        shuffled.sort(o);
        assertEquals(ordered, shuffled);
    }

    @Test
    void equalVersionsDifferByCommitWithoutAnyMeaningOfNewer() {
        // Platform//1.0 rebuilt as 1.0.3: another build, so not equal — which one is "greater" is only the commit's text
        assertNotEquals(0, o.compare("1.0.3 (5776dafff0b1)", "1.0.3 (a0434e7405c8)"));
        assertEquals(0, o.compare("1.0.3 (a0434e7405c8)", "1.0.3 (a0434e7405c8)"));
        assertTrue(o.compare("1.0.3", "1.0.3 (a0434e7405c8)") < 0, "a version without a commit sorts first");
    }

    @Test
    void anyStringIsOrderedWithoutThrowing() {
        List<String> odd = new ArrayList<>(List.of("", "-", ".", "v1", "1.0 (zz)", "(a0434e7405c8)", "1..0", "\u0661.\u0662",
                "99999999999999999999999999", "0099", "99", "1.0\u00A0(a0434e7405c8)", "x".repeat(5000)));
        odd.add(null);
        for (String a : odd) {
            for (String b : odd) {
                assertEquals(-Integer.signum(o.compare(a, b)), Integer.signum(o.compare(b, a)), a + " / " + b);
            }
        }
        odd.remove(null);
        odd.sort(o);
    }
}
