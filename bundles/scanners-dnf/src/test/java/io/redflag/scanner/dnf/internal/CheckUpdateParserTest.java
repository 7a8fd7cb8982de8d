// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class CheckUpdateParserTest {

    @Test
    void dnf4ListWithWrappedRowsObsoletesAndKernelNotes() throws ScanException {
        CheckUpdateParser.Result r = CheckUpdateParser.parse(
                Fixtures.text("dnf/" + "reconstructed-dnf4-check-update-wrapped.txt"));

        assertThat(r.updates()).extracting(u -> u.id, u -> u.name, u -> u.architecture, u -> u.availableVersion,
                u -> u.source).containsExactly(
                tuple("bash.x86_64", "bash", "x86_64", "5.2.26-3.fc40", "updates"),
                tuple("glibc.i686", "glibc", "i686", "2.39-13.fc40", "updates"),
                tuple("glibc.x86_64", "glibc", "x86_64", "2.39-13.fc40", "updates"),
                tuple("grub2-tools.x86_64", "grub2-tools", "x86_64", "1:2.06-121.fc40", "updates"),
                // the version overflowed its column: the repository went to the next line
                tuple("java-latest-openjdk-headless.x86_64", "java-latest-openjdk-headless", "x86_64",
                        "1:22.0.1.0.8-2.rolling.fc40", "updates"),
                tuple("kernel.x86_64", "kernel", "x86_64", "6.8.9-300.fc40", "updates"),
                tuple("kernel-core.x86_64", "kernel-core", "x86_64", "6.8.9-300.fc40", "updates"),
                // the name overflowed: version and repository on the next line
                tuple("pipewire-jack-audio-connection-kit-libs.x86_64", "pipewire-jack-audio-connection-kit-libs",
                        "x86_64", "1.0.6-1.fc40", "updates"),
                // split on the LAST dot
                tuple("python3.12.x86_64", "python3.12", "x86_64", "3.12.3-2.fc40", "updates"),
                tuple("qemu-img.x86_64", "qemu-img", "x86_64", "2:8.2.2-1.fc40", "updates"),
                tuple("texlive-collection-latexrecommended.noarch", "texlive-collection-latexrecommended", "noarch",
                        "9:svn54074-64.fc40", "updates-testing"),
                // only under "Obsoleting Packages": listed once, by its own name
                tuple("python3-foo.noarch", "python3-foo", "noarch", "1.0-1.fc40", "updates"));
        assertThat(r.updates()).allSatisfy(u -> {
            assertThat(u.installedVersion).isNull();
            assertThat(u.severity).isEqualTo(Severity.UNKNOWN);
        });
        assertThat(r.notes()).containsExactly(
                "grub2-tools.x86_64 1:2.06-121.fc40 obsoletes installed grub2-tools-extra.x86_64 1:2.06-116.fc40",
                "python3-foo.noarch 1.0-1.fc40 obsoletes installed python-foo.noarch 0.9-3.fc39",
                "Security: kernel-core-6.8.9-300.fc40.x86_64 is an installed security update",
                "Security: kernel-core-6.8.5-301.fc40.x86_64 is the currently running version");
    }

    @Test
    void dnf5CheckUpgradeCountsTheObsoleterOnce() throws ScanException {
        CheckUpdateParser.Result r = CheckUpdateParser.parse(Fixtures.text("dnf/" + "reconstructed-dnf5-check-upgrade.txt"));

        assertThat(r.updates()).extracting(u -> u.id, u -> u.availableVersion).containsExactly(
                tuple("bash.x86_64", "5.2.32-1.fc41"),
                tuple("grub2-tools.x86_64", "1:2.12-10.fc41"),
                tuple("python3.13.x86_64", "3.13.1-2.fc41"),
                tuple("qemu-img.x86_64", "2:9.1.2-1.fc41"));
        assertThat(r.notes()).containsExactly(
                "grub2-tools.x86_64 1:2.12-10.fc41 obsoletes installed grub2-tools-efi.x86_64 1:2.12-4.fc41");
    }

    @Test
    void noUpdatesIsAnEmptyListNotAnError() throws ScanException {
        assertThat(CheckUpdateParser.parse("").updates()).isEmpty();
        CheckUpdateParser.Result r = CheckUpdateParser.parse(
                "Last metadata expiration check: 0:01:02 ago on Tue 14 May 2024 09:12:33 AM UTC.\n");
        assertThat(r.updates()).isEmpty();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void unknownLinesBesideDnfOutputBecomeNotes() throws ScanException {
        CheckUpdateParser.Result r = CheckUpdateParser.parse("Updating Subscription Management repositories.\n"
                + "Last metadata expiration check: 0:01:02 ago on Tue 14 May 2024 09:12:33 AM UTC.\n\n"
                + "openssl.x86_64    1:3.0.7-27.el9    baseos\n");
        assertThat(r.updates()).extracting(u -> u.id).containsExactly("openssl.x86_64");
        assertThat(r.notes()).containsExactly("dnf: Updating Subscription Management repositories.");
    }

    @Test
    void rejectsOutputOfAnotherTool() {
        String apt = "Listing...\nbash/stable 5.2.15-2+b7 amd64 [upgradable from: 5.2.15-2+b2]\n";
        assertThatThrownBy(() -> CheckUpdateParser.parse(apt))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("not dnf check-update output");
    }

    @Test
    void aRowWithoutVersionReleaseIsNotAnUpdate() throws ScanException {
        CheckUpdateParser.Result r = CheckUpdateParser.parse("Last metadata expiration check: x\n"
                + "foo.x86_64 1.0 updates\nbar 1.0-1 updates\n");
        assertThat(r.updates()).isEmpty();
        assertThat(r.notes()).containsExactly("dnf: foo.x86_64 1.0 updates", "dnf: bar 1.0-1 updates");
    }

    @Test
    void updatesAreFreshDtos() throws ScanException {
        PackageUpdateDTO u = CheckUpdateParser.parse("a.noarch 1-1 r\n").updates().get(0);
        assertThat(u.advisories).isEmpty();
        assertThat(u.cves).isEmpty();
        assertThat(u.security).isFalse();
        assertThat(u.downloadSize).isNull();
    }
}
