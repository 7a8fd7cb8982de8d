// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.version.VersionOrderings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the agent's {@code parse apt --kind scan|dry-run FILE} sees: {@link AptDescriptor}'s pure parsers. */
class AptDescriptorTest {

    private final AptDescriptor descriptor = new AptDescriptor();

    @Test
    void describesTheAptEcosystem() {
        assertThat(descriptor.versionOrdering()).isSameAs(VersionOrderings.DPKG);
    }

    @Test
    void parsesACapturedListing() throws ScanException {
        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(Fixtures.text("apt/list-upgradable.combined"));

        assertThat(updates).hasSize(136).extracting(u -> u.id).contains("openssl", "libnss3", "krb5-locales");
    }

    @Test
    void aCaptureOfListingAndSimulationLeavesOutPhasedUpdates() throws ScanException {
        // the two commands the scanner runs, saved into one file
        String both = Fixtures.text("apt/sandbox/list.stdout") + Fixtures.text("apt/synthetic/sim-upgrade-deferred-by-phasing.stdout");

        List<PackageUpdateDTO> updates = descriptor.parseScanOutput(both);

        assertThat(updates).hasSize(137).extracting(u -> u.id).doesNotContain("gzip", "tar").contains("libssl3:i386");
    }

    @Test
    void aBareListingWithoutProgressLineIsReadToo() throws ScanException {
        String quiet = "openssl/oldstable-security 3.0.22-1~deb12u2 amd64 [upgradable from: 3.0.19-1~deb12u2]\n";

        assertThat(descriptor.parseScanOutput(quiet)).singleElement()
                .extracting(u -> u.id, u -> u.security).containsExactly("openssl", true);
    }

    @Test
    void parsesACapturedDryRun() throws ScanException {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(Fixtures.text("apt/sim-downgrade-openssl.stdout"));

        assertThat(plan.hash).isNull();
        assertThat(plan.requested).isEmpty();
        assertThat(plan.changes).extracting(c -> c.action).contains(ChangeAction.DOWNGRADE, ChangeAction.REMOVE,
                ChangeAction.UPGRADE, ChangeAction.CONFIGURE);
    }

    @Test
    void aFailedHeldDryRunExplainsItselfInTheNotes() throws ScanException {
        TransactionPlanDTO plan = descriptor.parseDryRunOutput(Fixtures.text("apt/sandbox/dryrun-held.stdout"));

        assertThat(plan.notes).containsExactly("held packages would be changed: curl");
    }

    @Test
    void refusesForeignText() {
        assertThatThrownBy(() -> descriptor.parseScanOutput("{\"updates\": []}"))
                .isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> descriptor.parseDryRunOutput("Upgraded:\n  bash-5.2.26-3.fc40.x86_64\nComplete!\n"))
                .isInstanceOf(ScanException.class);
    }
}
