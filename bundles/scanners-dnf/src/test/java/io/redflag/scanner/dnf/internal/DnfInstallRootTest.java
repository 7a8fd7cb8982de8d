// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.ScanContexts;
import io.redflag.scanner.testkit.ScriptedRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code installroot} configuration: every dnf and rpm command names the root, and odd values are refused. */
class DnfInstallRootTest {

    @TempDir
    Path root;

    private ScanContext inRoot() {
        return ScanContexts.with(Map.of(DnfDescriptor.CONFIG_INSTALLROOT, root.toString()));
    }

    @Test
    void everyCommandNamesTheRootAndNoRebootIsAskedFor() throws ScanException {
        String dnf = "dnf --installroot=" + root;
        ScriptedRunner runner = new ScriptedRunner()
                .answer(dnf + " check-update", 100, "bash.x86_64   5.2.26-3.fc40   updates\n")
                .answer("rpm", 0, "bash.x86_64 0:5.2.26-1.fc40\n")
                .answer(dnf + " updateinfo list --updates", 0, "")
                .answer(dnf + " --assumeno upgrade", 1, Fixtures.text("dnf/" + "reconstructed-dnf4-dry-run-sections.txt"))
                .answer(dnf + " -y upgrade", 0, "Complete!\n");
        DnfScanner scanner = new DnfScanner(runner);

        ScanReportDTO report = scanner.scan(inRoot());
        assertThat(report.updates).extracting(u -> u.installedVersion).containsExactly("5.2.26-1.fc40");
        scanner.dryRun(inRoot(), List.of("bash.x86_64"));
        InstallResultDTO result = scanner.install(inRoot(), List.of("bash.x86_64"));

        assertThat(result.success).isTrue();
        assertThat(result.rebootRequired).isFalse();
        assertThat(runner.commands()).startsWith(dnf + " check-update", "rpm --root=" + root + " -q --qf " + InstalledVersions.QUERY_FORMAT + " bash",
                dnf + " updateinfo list --updates", dnf + " updateinfo list --updates --with-cve",
                dnf + " --assumeno upgrade bash.x86_64");
        assertThat(runner.commands()).endsWith(dnf + " -y upgrade bash.x86_64");
        assertThat(runner.commands()).allMatch(c -> c.startsWith(dnf + " ") || c.startsWith("rpm --root=" + root + " "));
    }

    @Test
    void aBlankRootIsTheHost() throws ScanException {
        ScriptedRunner runner = new ScriptedRunner().answer("dnf check-update", 0, "");
        new DnfScanner(runner).scan(ScanContexts.with(Map.of(DnfDescriptor.CONFIG_INSTALLROOT, " ")));
        assertThat(runner.commands()).containsExactly("dnf check-update");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--setopt=reposdir=/tmp", "relative/root", "/srv/my root", "/srv/root\n-y",
            "/srv/root\t", "/srv/\u00a0root", "/srv/../etc", "/srv/./root", "/srv/root\u0000"})
    void oddValuesAreRefusedBeforeAnythingRuns(String value) {
        ScriptedRunner runner = new ScriptedRunner();
        DnfScanner scanner = new DnfScanner(runner);
        ScanContext ctx = ScanContexts.with(Map.of(DnfDescriptor.CONFIG_INSTALLROOT, value));

        assertThatThrownBy(() -> scanner.scan(ctx)).isInstanceOf(ScanException.class).hasMessageStartingWith("installroot '");
        assertThatThrownBy(() -> scanner.dryRun(ctx, List.of("bash.x86_64"))).isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> scanner.install(ctx, List.of("bash.x86_64"))).isInstanceOf(ScanException.class);
        assertThat(runner.runs()).isEmpty();
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertThatThrownBy(() -> DnfCommands.checkedRoot("--installroot=/"))
                .hasMessage("installroot '--installroot=/' could be read as an option; it must be an absolute path");
        assertThatThrownBy(() -> DnfCommands.checkedRoot("/srv/root\n-y"))
                .hasMessage("installroot '/srv/root\\u000a-y' contains white space or control characters");
        assertThatThrownBy(() -> DnfCommands.checkedRoot("srv/root")).hasMessage("installroot 'srv/root' is not an absolute path");
        assertThatThrownBy(() -> DnfCommands.checkedRoot("/srv/../root"))
                .hasMessage("installroot '/srv/../root' has a '.' or '..' segment; give the plain absolute path");
        String missing = root.resolve("missing").toString();
        assertThatThrownBy(() -> DnfCommands.checkedRoot(missing))
                .hasMessage("installroot '" + missing + "' is not a directory on this host");
    }
}
