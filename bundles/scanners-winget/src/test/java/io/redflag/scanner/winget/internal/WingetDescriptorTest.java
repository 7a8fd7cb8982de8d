// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class WingetDescriptorTest {

    private final WingetDescriptor descriptor = new WingetDescriptor();

    @Test
    void describesWinget() {
        assertThat(descriptor.versionOrdering().scheme()).isEqualTo("winget");
        assertThat(descriptor.defaultConfiguration()).containsEntry("winget.path", "winget");
    }

    @Test
    void reportsUpdatesByIdWithVersionsAsPrinted() throws ScanException {
        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(Fixtures.text("winget/" + WingetTableParserTest.EN));
        // 11 rows in the first table and the explicit-targeting one
        assertThat(updates).hasSize(12);
        assertThat(updates).extracting(u -> u.id, u -> u.installedVersion, u -> u.availableVersion, u -> u.source)
                .contains(tuple("Discord.Discord", "< 1.0.9040", "1.0.9042", "winget"),
                        tuple("9NBLGGH5R558", "2.114.7122.0", "2.117.7251.0", "msstore"),
                        tuple("Google.AndroidStudio", "2023.2.1.24", "2023.3.1.18", "winget"));
        assertThat(updates).extracting(u -> u.id).doesNotHaveDuplicates().noneMatch(id -> id.contains("\u2026"));
    }

    @Test
    void leavesOutRowsWhoseIdWingetCut() throws ScanException {
        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(Fixtures.text("winget/" + WingetTableParserTest.NARROW));
        assertThat(updates).extracting(u -> u.id).containsExactly("Python.Python.3.12");
    }

    @Test
    void planIsTheListedUpgradeOfEachId() throws ScanException {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(Fixtures.text("winget/" + WingetTableParserTest.NO_SOURCE));
        assertThat(plan.changes).extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion, c -> c.source)
                .containsExactly(
                        tuple(ChangeAction.UPGRADE, "Git.Git", "2.44.0", "2.45.1", null),
                        tuple(ChangeAction.UPGRADE, "Microsoft.EdgeWebView2Runtime", "123.0.2420.97", "124.0.2478.80", null),
                        tuple(ChangeAction.UPGRADE, "Valve.Steam", "Unknown", "2.10.91.91", null));
        assertThat(plan.requested).containsExactly("Git.Git", "Microsoft.EdgeWebView2Runtime", "Valve.Steam");
        assertThat(plan.hash).isNull();
    }

    @Test
    void restrictingAPlanKeepsOnlyTheRequestedIds() throws ScanException {
        TransactionPlanDTO all = descriptor.parseDryRunOutput(Fixtures.text("winget/" + WingetTableParserTest.EN));
        TransactionPlanDTO plan = WingetReports.restrict(all, List.of("Google.AndroidStudio", "Not.Listed"));
        assertThat(plan.changes).extracting((PackageChangeDTO c) -> c.name).containsExactly("Google.AndroidStudio");
        assertThat(plan.requested).containsExactly("Google.AndroidStudio", "Not.Listed");
        assertThat(plan.notes).anyMatch(n -> n.startsWith("Not.Listed: winget lists no upgrade"))
                .anyMatch(n -> n.contains("explicit targeting"));
    }

    @Test
    void nothingToUpgradeIsAnEmptyListing() throws ScanException {
        assertThat(descriptor.parseScanOutput(Fixtures.text("winget/" + WingetTableParserTest.NONE))).isEmpty();
        assertThat(descriptor.parseScanOutput("")).isEmpty();
    }

    @Test
    void refusesTextThatIsNotWingetOutput() {
        assertThatThrownBy(() -> descriptor.parseScanOutput("Listing... Done\nbash/stable 5.2.15 amd64 [upgradable from: 5.2.14]\n"))
                .isInstanceOf(ScanException.class).hasMessageContaining("winget upgrade");
        assertThatThrownBy(() -> descriptor.parseDryRunOutput("Hello"))
                .isInstanceOf(ScanException.class);
    }
}
