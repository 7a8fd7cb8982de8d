// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledVersionsTest {

    private final InstalledVersions installed =
            InstalledVersions.parse(Fixtures.text("dnf/" + "reconstructed-rpm-query-installed.txt"));

    @Test
    void zeroEpochIsDroppedOthersKept() {
        assertThat(installed.of("bash", "x86_64")).contains("5.2.26-1.fc40");
        assertThat(installed.of("qemu-img", "x86_64")).contains("2:8.2.1-1.fc40");
        assertThat(installed.of("python3.12", "x86_64")).contains("3.12.2-2.fc40");
    }

    @Test
    void installOnlyPackagesReportTheNewestInstance() {
        assertThat(installed.of("kernel", "x86_64")).contains("6.8.7-300.fc40");
    }

    @Test
    void architectureIsMatchedFirstThenAnyArchitecture() {
        assertThat(installed.of("glibc", "i686")).contains("2.39-4.fc40");
        assertThat(installed.of("texlive-collection-latexrecommended", "x86_64")).contains("9:svn54074-63.fc40");
        assertThat(installed.of("python3-foo", "noarch")).isEmpty();
    }

    @Test
    void commandPassesTheQueryFormatAndNames() {
        assertThat(InstalledVersions.command(List.of("bash", "kernel"))).containsExactly("rpm", "-q", "--qf",
                "%{NAME}.%{ARCH} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n", "bash", "kernel");
    }
}
