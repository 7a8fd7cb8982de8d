// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code agent parse flatpak} makes of the captures. */
class FlatpakDescriptorTest {

    private final FlatpakDescriptor d = new FlatpakDescriptor();

    @Test
    void aScanOutputIsRemoteLsWithTheAvailableBuildsOnly() throws Exception {
        List<PackageUpdateDTO> u = d.parseScanOutput(Captures.stdout("v2-updates"));
        assertEquals(4, u.size());
        assertEquals("2.0.0 (57d6a13fb269)", u.get(1).availableVersion);
        assertNull(u.get(1).installedVersion, "the installed build is in flatpak list, another command");
        assertEquals("org.example.Hello", u.get(1).name);
    }

    @Test
    void aDryRunOutputIsAnInstallsOutputWithoutVersions() throws Exception {
        TransactionPlanDTO plan = d.parseDryRunOutput(Captures.stdout("v2-install"));
        assertEquals(List.of("UPGRADE runtime/org.example.Hello.Locale/x86_64/stable",
                "UPGRADE runtime/org.example.Platform/x86_64/1.0", "UPGRADE app/org.example.Hello/x86_64/stable",
                "INSTALL runtime/org.example.Platform/x86_64/2.0", "UPGRADE app/org.example.Clock/x86_64/stable"),
                plan.changes.stream().map(c -> c.action + " " + c.name).toList());
        TransactionPlanDTO nothing = d.parseDryRunOutput(Captures.stdout("v2-install-again"));
        assertTrue(nothing.changes.isEmpty());
        assertEquals(List.of("Nothing to do."), nothing.notes);
        assertThrows(ScanException.class, () -> d.parseDryRunOutput(Captures.stdout("after-install-de")),
                "German: 'Nichts zu tun.' is not read (the scanner runs flatpak in English)");
    }
}
