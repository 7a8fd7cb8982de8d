// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.apt.internal.AptSimulationParser.Simulation;
import io.redflag.scanner.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link AptSimulationParser} on {@code apt-get -s …} captured on a Debian 12 host (see apt/CAPTURES.md). */
class AptSimulationParserTest {

    @Test
    void readsUpgradesWithEpochsTildesAndSeveralArchives() throws ScanException {
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/dryrun-security-epoch.stdout"));

        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE).hasSize(13);
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.CONFIGURE).hasSize(13);
        assertThat(s.changes()).hasSize(26);
        // Inst login [1:4.13+dfsg1-1+deb12u1] (1:4.13+dfsg1-1+deb12u2 Debian:12.15/oldstable [amd64])
        assertThat(s.changes().get(0)).extracting(c -> c.action, c -> c.name, c -> c.architecture, c -> c.fromVersion,
                c -> c.toVersion, c -> c.source)
                .containsExactly(ChangeAction.UPGRADE, "login", "amd64", "1:4.13+dfsg1-1+deb12u1", "1:4.13+dfsg1-1+deb12u2",
                        "oldstable");
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE)
                .extracting(c -> c.name, c -> c.architecture, c -> c.fromVersion, c -> c.toVersion, c -> c.source)
                .contains(
                        tuple("ca-certificates", "all", "20230311+deb12u1", "20250419~deb12u2", "oldstable-security"),
                        tuple("krb5-locales", "all", "1.20.1-2+deb12u3", "1.20.1-2+deb12u5", "oldstable,oldstable-security"),
                        // "Inst libssl-dev […] (… [amd64]) []": the trailing broken-deps bracket is not a version
                        tuple("libssl-dev", "amd64", "3.0.19-1~deb12u2", "3.0.22-1~deb12u2", "oldstable-security"),
                        tuple("libnss3", "amd64", "2:3.87.1-1+deb12u2", "2:3.87.1-1+deb12u4", "oldstable-security"));
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.CONFIGURE)
                .allSatisfy(c -> assertThat(c.fromVersion).isNull())
                .extracting(c -> c.name).contains("login", "libnss3");
        assertThat(s.keptBack()).isEmpty();
        assertThat(s.deferredByPhasing()).isEmpty();
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void tellsDowngradesRemovalsAndUpgradesApart() throws ScanException {
        // apt-get -s install --allow-downgrades openssl=3.0.17-1~deb12u2 libssl3=3.0.17-1~deb12u2
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/sim-downgrade-openssl.stdout"));

        assertThat(s.changes()).filteredOn(c -> c.action != ChangeAction.CONFIGURE)
                .extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion)
                .containsExactly(
                        tuple(ChangeAction.REMOVE, "libpq-dev", "15.18-0+deb12u1", null),
                        tuple(ChangeAction.REMOVE, "libxmlsec1-dev", "1.2.37-2", null),
                        tuple(ChangeAction.REMOVE, "libssl-dev", "3.0.19-1~deb12u2", null),
                        tuple(ChangeAction.DOWNGRADE, "libssl3", "3.0.19-1~deb12u2", "3.0.17-1~deb12u2"),
                        tuple(ChangeAction.UPGRADE, "libpq5", "15.18-0+deb12u1", "15.20-0+deb12u1"),
                        tuple(ChangeAction.DOWNGRADE, "openssl", "3.0.19-1~deb12u2", "3.0.17-1~deb12u2"));
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.REMOVE)
                .allSatisfy(c -> assertThat(c.architecture).isNull());
        assertThat(s.changes()).filteredOn(c -> c.name.equals("openssl")).first()
                .extracting(c -> c.source).isEqualTo("oldstable-updates");
        // "Use 'apt autoremove' to remove them." is worth showing; the package lists are not
        assertThat(s.notes()).containsExactly("Use 'apt autoremove' to remove them.");
    }

    @Test
    void readsNewPackagesAndRemovals() throws ScanException {
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/sim-install-chrony.stdout"));

        assertThat(s.changes()).extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion)
                .containsExactly(
                        tuple(ChangeAction.REMOVE, "systemd-timesyncd", "252.38-1~deb12u1", null),
                        tuple(ChangeAction.INSTALL, "chrony", null, "4.3-2+deb12u3"),
                        tuple(ChangeAction.CONFIGURE, "chrony", null, "4.3-2+deb12u3"));
    }

    @Test
    void splitsTheArchitectureOffForeignPackages() throws ScanException {
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/sandbox/dryrun-multiarch.stdout"));

        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE)
                .extracting(c -> c.name, c -> c.architecture)
                .containsExactly(tuple("libssl-dev", "amd64"), tuple("libssl3", "amd64"), tuple("libssl3", "i386"),
                        tuple("openssl", "amd64"));
    }

    @Test
    void collectsKeptBackPackages() throws ScanException {
        // apt 2.6: curl is held, libcurl4 follows it, gzip and tar are phased; all four are "kept back"
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/sandbox/sim-upgrade.stdout"));

        assertThat(s.keptBack()).containsExactly("curl", "gzip", "libcurl4", "tar");
        assertThat(s.deferredByPhasing()).isEmpty();
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE).hasSize(135);
    }

    @Test
    void collectsUpdatesDeferredByPhasing() throws ScanException {
        // SYNTHETIC: apt >= 2.7 wording, which this Debian 12 host's apt 2.6 cannot print
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/synthetic/sim-upgrade-deferred-by-phasing.stdout"));

        assertThat(s.deferredByPhasing()).containsExactly("gzip", "tar");
        assertThat(s.keptBack()).containsExactly("curl", "libcurl4");
        assertThat(s.changes()).extracting(c -> c.name).doesNotContain("gzip", "tar");
    }

    @Test
    void collectsHeldPackagesAndKeepsSkipMessagesAsNotes() throws ScanException {
        Simulation held = AptSimulationParser.parse(Fixtures.text("apt/sandbox/dryrun-held.stdout"));
        assertThat(held.heldChanged()).containsExactly("curl");
        assertThat(held.changes()).isEmpty();

        Simulation skipped = AptSimulationParser.parse(Fixtures.text("apt/dryrun-not-installed.stdout"));
        assertThat(skipped.notes()).containsExactly("Skipping chrony, it is not installed and only upgrades are requested.");
        assertThat(skipped.changes()).extracting(c -> c.action, c -> c.name)
                .containsExactly(tuple(ChangeAction.UPGRADE, "bash"), tuple(ChangeAction.CONFIGURE, "bash"));
    }

    @Test
    void readsTranslatedOutputBecauseSimulatorLinesAreNotTranslated() throws ScanException {
        Simulation german = AptSimulationParser.parse(Fixtures.text("apt/dryrun-de.stdout"));

        assertThat(german.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE)
                .extracting(c -> c.name).containsExactly("login", "passwd", "libssl-dev", "libssl3", "openssl");
        assertThat(german.notes()).isEmpty();
    }

    @Test
    void anErrorOnlyOutputIsStillAptGetOutput() throws ScanException {
        // stdout of a failed run: progress lines only; the E: line went to stderr
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/dryrun-unknown-package.stdout"));
        assertThat(s.changes()).isEmpty();
    }

    @Test
    void refusesTextThatIsNotAptGetOutput() {
        assertThatThrownBy(() -> AptSimulationParser.parse("Dependencies resolved.\nNothing to do.\nComplete!\n"))
                .isInstanceOf(ScanException.class).hasMessageContaining("not apt-get simulation output");
    }

    @Test
    void aBrokenConfigureLineIsANoteNotAChange() throws ScanException {
        Simulation s = AptSimulationParser.parse("Conf foo broken\n Depends:libbar\n");
        assertThat(s.changes()).isEmpty();
        assertThat(s.notes()).containsExactly("Conf foo broken");
    }

    @Test
    void namesTheArchiveOfEveryReleaseString() {
        assertThat(AptSimulationParser.archives("Debian:12.15/oldstable, Debian-Security:12/oldstable-security"))
                .isEqualTo("oldstable,oldstable-security");
        assertThat(AptSimulationParser.archives("Ubuntu:24.04/noble-updates")).isEqualTo("noble-updates");
        // no Version in the Release file: Label:Archive
        assertThat(AptSimulationParser.archives("Docker CE:jammy")).isEqualTo("jammy");
        assertThat(AptSimulationParser.archives("")).isNull();
    }

    @Test
    void reinstallingTheSameVersionIsAReinstall() throws ScanException {
        Simulation s = AptSimulationParser.parse("Inst bash [5.2.15-2+b13] (5.2.15-2+b13 Debian:12.15/oldstable [amd64])\n");
        assertThat(s.changes()).singleElement().extracting(c -> c.action).isEqualTo(ChangeAction.REINSTALL);
    }

    @Test
    void theChangesOfTheWholeUpgradeMatchItsSummary() throws ScanException {
        Simulation s = AptSimulationParser.parse(Fixtures.text("apt/sim-upgrade.stdout"));
        // "136 upgraded, 0 newly installed, 0 to remove and 0 not upgraded."
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE).hasSize(136);
        assertThat(s.changes()).filteredOn(c -> c.action == ChangeAction.UPGRADE)
                .extracting((PackageChangeDTO c) -> c.name).doesNotHaveDuplicates();
    }
}
