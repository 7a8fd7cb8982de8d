// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.version.VersionOrderings;
import org.junit.jupiter.api.Test;

class DnfDescriptorTest {

    private final DnfDescriptor descriptor = new DnfDescriptor();

    @Test
    void describesTheEcosystem() {
        assertThat(descriptor.versionOrdering()).isSameAs(VersionOrderings.RPM);
        assertThat(descriptor.defaultConfiguration())
                .containsEntry("advisories", "true")
                .containsEntry("installed-versions", "true")
                .containsEntry("installroot", "");
    }

    @Test
    void parsersAreTheScannersParsers() throws ScanException {
        assertThat(descriptor.parseScanOutput(Fixtures.text("dnf/" + "reconstructed-dnf5-check-upgrade.txt")))
                .extracting(u -> u.id)
                .containsExactly("bash.x86_64", "grub2-tools.x86_64", "python3.13.x86_64", "qemu-img.x86_64");
        assertThat(descriptor.parseDryRunOutput(Fixtures.text("dnf/" + "reconstructed-dnf5-dry-run-upgrade.txt")).changes)
                .hasSize(7);
        assertThatThrownBy(() -> descriptor.parseDryRunOutput("Reading package lists... Done\n"))
                .isInstanceOf(ScanException.class);
    }

    @Test
    void rpmOrderingComparesDnfVersions() {
        // epochs as dnf prints them: none for 0
        assertThat(descriptor.versionOrdering().compare("2:8.2.1-1.fc40", "8.2.2-1.fc40")).isPositive();
        assertThat(descriptor.versionOrdering().compare("5.2.26-1.fc40", "5.2.26-3.fc40")).isNegative();
    }
}
