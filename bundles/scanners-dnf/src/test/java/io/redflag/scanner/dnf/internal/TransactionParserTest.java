// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.ChangeAction;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.scanner.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class TransactionParserTest {

    @Test
    void dnf4TableWithAllSectionsWrappedRowAndObsoletes() throws ScanException {
        TransactionPlanDTO plan = TransactionParser.parse(Fixtures.text("dnf/" + "reconstructed-dnf4-dry-run-sections.txt"));

        assertThat(plan.changes).extracting(c -> c.action, c -> c.name, c -> c.architecture, c -> c.fromVersion,
                c -> c.toVersion, c -> c.source).containsExactly(
                tuple(ChangeAction.UPGRADE, "bash", "x86_64", null, "5.2.26-3.fc40", "updates"),
                // wrapped after the name
                tuple(ChangeAction.UPGRADE, "pipewire-jack-audio-connection-kit-libs", "x86_64", null,
                        "1.0.6-1.fc40", "updates"),
                tuple(ChangeAction.UPGRADE, "python3-foo", "noarch", null, "1.0-1.fc40", "updates"),
                // "replacing  python-foo.noarch 0.9-3.fc39": the obsoleted package leaves the system
                tuple(ChangeAction.REMOVE, "python-foo", "noarch", "0.9-3.fc39", null, null),
                tuple(ChangeAction.INSTALL, "kernel", "x86_64", null, "6.8.9-300.fc40", "updates"),
                tuple(ChangeAction.INSTALL, "kernel-core", "x86_64", null, "6.8.9-300.fc40", "updates"),
                tuple(ChangeAction.INSTALL, "kernel-modules-core", "x86_64", null, "6.8.9-300.fc40", "updates"),
                tuple(ChangeAction.INSTALL, "foo-doc", "noarch", null, "1.0-1.fc40", "updates"),
                tuple(ChangeAction.REMOVE, "kernel-core", "x86_64", "6.8.1-300.fc40", null, "@updates"),
                tuple(ChangeAction.DOWNGRADE, "qemu-img", "x86_64", null, "2:8.2.1-1.fc40", "fedora"));
        assertThat(plan.notes).containsExactly(
                "python-foo.noarch 0.9-3.fc39 is replaced by python3-foo.noarch 1.0-1.fc40");
        assertThat(plan.requested).isEmpty();
        assertThat(plan.hash).isNull();
    }

    @Test
    void dnf5ReplacingLinesGiveTheOldVersion() throws ScanException {
        TransactionPlanDTO plan = TransactionParser.parse(Fixtures.text("dnf/" + "reconstructed-dnf5-dry-run-upgrade.txt"));

        assertThat(plan.changes).extracting(c -> c.action, c -> c.name, c -> c.architecture, c -> c.fromVersion,
                c -> c.toVersion, c -> c.source).containsExactly(
                tuple(ChangeAction.UPGRADE, "efi-filesystem", "noarch", "5-12.fc41", "5-13.fc41", "updates"),
                tuple(ChangeAction.UPGRADE, "qemu-img", "x86_64", "2:9.1.1-2.fc41", "2:9.1.2-1.fc41", "updates"),
                tuple(ChangeAction.UPGRADE, "unbound-libs", "i686", "1.21.1-1.fc41", "1.22.0-8.fc41", "updates"),
                tuple(ChangeAction.UPGRADE, "unbound-libs", "x86_64", "1.21.1-1.fc41", "1.22.0-8.fc41", "updates"),
                tuple(ChangeAction.INSTALL, "openh264", "x86_64", null, "2.6.0-2.fc41", "fedora-cisco-openh264"),
                // "replacing noopenh264": another name, so a removal, not openh264's old version
                tuple(ChangeAction.REMOVE, "noopenh264", "x86_64", "2.6.0-1.fc41", null, "@commandline"),
                tuple(ChangeAction.INSTALL, "libvpl", "x86_64", null, "1:2.13.0-1.fc41", "updates"));
        assertThat(plan.notes).containsExactly(
                "noopenh264.x86_64 2.6.0-1.fc41 is replaced by openh264.x86_64 2.6.0-2.fc41");
    }

    @Test
    void newerDnf5LeavesTheNameOutOfSameNameReplacingLines() throws ScanException {
        TransactionPlanDTO plan = TransactionParser.parse(
                Fixtures.text("dnf/" + "reconstructed-dnf5-dry-run-abbreviated-replacing.txt"));

        assertThat(plan.changes).extracting(c -> c.action, c -> c.name, c -> c.fromVersion, c -> c.toVersion)
                .containsExactly(
                        tuple(ChangeAction.UPGRADE, "cockpit-machines", "332-1.fc42", "333-1.fc42"),
                        tuple(ChangeAction.UPGRADE, "cockpit-podman", "106-1.fc42", "107-1.fc42"),
                        tuple(ChangeAction.DOWNGRADE, "vim-minimal", "2:9.1.1227-1.fc42", "2:9.1.1000-1.fc42"),
                        tuple(ChangeAction.REMOVE, "cockpit-legacy-plugin", "1.0-1.fc42", null));
        assertThat(plan.notes).isEmpty();
    }

    @Test
    void theSameTableHashesTheSameWhateverTheRowOrder() throws ScanException {
        String a = " a  x86_64 1-2.fc40 updates 1.0 MiB\n b  x86_64 3-4.fc40 updates 2.0 MiB\n";
        String b = " b  x86_64 3-4.fc40 updates 2.0 MiB\n a  x86_64 1-2.fc40 updates 1.0 MiB\n";
        String head = "Package Arch Version Repository Size\nUpgrading:\n";
        String tail = "\nTransaction Summary:\n Upgrading: 2 packages\n";
        assertThat(TransactionPlans.hash(TransactionParser.parse(head + a + tail)))
                .isEqualTo(TransactionPlans.hash(TransactionParser.parse(head + b + tail)));
    }

    @Test
    void nothingToDoIsAnEmptyPlan() throws ScanException {
        TransactionPlanDTO plan = TransactionParser.parse("Last metadata expiration check: 0:00:12 ago on x.\n"
                + "Dependencies resolved.\nNothing to do.\nComplete!\n");
        assertThat(plan.changes).isEmpty();
        assertThat(plan.notes).containsExactly("Nothing to do.");
    }

    @Test
    void noTransactionIsAnErrorNamingDnfsComplaint() {
        String out = "Last metadata expiration check: 0:00:12 ago on x.\n"
                + "Package foo available, but not installed.\nNo match for argument: foo\n"
                + "Error: No packages marked for upgrade.\n";
        assertThatThrownBy(() -> TransactionParser.parse(out))
                .isInstanceOf(ScanException.class)
                .hasMessage("dnf printed no transaction: Error: No packages marked for upgrade.");
    }

    @Test
    void skippedPackagesAreNotesNotChanges() throws ScanException {
        String out = " Package  Arch   Version     Repository  Size\n"
                + "Upgrading:\n bash     x86_64 5.2-3.fc40  updates    1.8 M\n"
                + "Skipping packages with conflicts:\n(add '--best --allowerasing' to command line to force their"
                + " upgrade):\n glibc    x86_64 2.39-9.fc40 updates    2.2 M\n\nTransaction Summary\n"
                + "=====\nUpgrade  1 Package\nSkip     1 Package\n";
        TransactionPlanDTO plan = TransactionParser.parse(out);
        assertThat(plan.changes).extracting(c -> c.name).containsExactly("bash");
        assertThat(plan.notes).containsExactly(
                "Skipping packages with conflicts: glibc x86_64 2.39-9.fc40 updates");
    }

    @Test
    void reinstallKeepsTheVersion() throws ScanException {
        TransactionPlanDTO plan = TransactionParser.parse("Package Arch Version Repository Size\nReinstalling:\n"
                + " zlib x86_64 1.3.1-1.fc40 fedora 200.0 KiB\n   replacing zlib x86_64 1.3.1-1.fc40 fedora 200.0 KiB\n"
                + "\nTransaction Summary:\n Reinstalling: 1 package\n");
        PackageChangeDTO c = plan.changes.get(0);
        assertThat(plan.changes).hasSize(1);
        assertThat(c.action).isEqualTo(ChangeAction.REINSTALL);
        assertThat(c.fromVersion).isEqualTo("1.3.1-1.fc40");
        assertThat(c.toVersion).isEqualTo("1.3.1-1.fc40");
    }
}
