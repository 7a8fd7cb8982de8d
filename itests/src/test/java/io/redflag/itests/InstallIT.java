// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.BundleSource;
import io.redflag.launcher.ServerRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent installed on this machine, for real, the two ways an operator would: the one line the server serves
 * (downloaded, checked, registered; run again it keeps the identity and switches the policy), then the {@code .deb}
 * the build makes (installed over it with dpkg, then purged). It runs as root on the build machine, which must not have a
 * RedFlag agent installed; everything it installs is removed afterwards.
 */
class InstallIT {

    private static final List<Path> INSTALLED = List.of(Path.of("/usr/share/redflag-agent"), Path.of("/usr/bin/redflag-agent"),
            Path.of("/lib/systemd/system/redflag-agent.service"), Path.of("/etc/redflag-agent"), Path.of("/var/lib/redflag-agent"),
            Path.of("/etc/systemd/system/redflag-agent.service.d"));

    @TempDir
    Path dir;

    @Test
    void theServedInstallerAndTheDebInstallRegisterAndUpgradeTheAgentKeepingItsIdentity() throws Exception {
        // what the installer needs on a host: the build machine is one (root, Debian; .ci/run installs curl if missing)
        assertThat(System.getProperty("user.name")).as("the installer runs as root").isEqualTo("root");
        for (String tool : List.of("/usr/bin/dpkg", "/usr/bin/curl", "/usr/bin/sha256sum", "/usr/sbin/useradd")) {
            assertThat(Path.of(tool)).as(tool + " (the installer and the .deb need it)").isExecutable();
        }
        assertThat(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")))
                .as("runuser (util-linux)").isTrue();
        assertThat(INSTALLED).as("no RedFlag agent installed on this machine already (this test would replace it)")
                .noneMatch(Files::exists);
        Path source = dir.resolve("install-source");
        Files.createDirectories(source);
        Path packaging = Path.of(System.getProperty("redflag.agent.packaging"));
        Files.copy(Path.of(System.getProperty("redflag.agent.jar")), source.resolve("redflag-agent.jar"));
        Files.copy(packaging.resolve("jvm.options"), source.resolve("jvm.options"));
        for (String f : List.of("redflag-agent.service", "monitor.conf", "redflag-agent")) {
            Files.copy(packaging.resolve("packaging").resolve(f), source.resolve(f));
        }
        System.setProperty("redflag.install.source", source.toString());
        ServerRuntime server;
        try {
            server = ServerRuntime.start(dir.resolve("server"), "127.0.0.1", 0, null,
                    BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
        } finally {
            System.clearProperty("redflag.install.source");
        }
        try {
            Http http = new Http(server.endpoint());
            String operator = Files.readString(dir.resolve("server/initial-operator-token")).trim();
            String seat = http.post("/api/v1/registration-tokens", operator, Map.of("seats", 1)).body().get("token").asText();
            String oneLine = "curl -fsSL " + server.endpoint() + "/api/v1/install/agent.sh | sh";

            Run first = sh(oneLine, Map.of("REDFLAG_TOKEN", seat));
            assertThat(first.exit()).as(first.out()).isZero();
            assertThat(first.out()).contains("registered as agent").contains("installed");
            String agentId = Rollouts.onlyAgent(http, operator);
            Path state = Path.of("/var/lib/redflag-agent/state.json");
            assertThat(Files.readString(state)).contains(agentId);
            Path env = Path.of("/etc/redflag-agent/agent.env");
            assertThat(Files.readString(env)).contains("REDFLAG_SERVER=" + server.endpoint()).contains("REDFLAG_ACCEPT=all")
                    .contains("--server-fingerprint " + http.get("/api/v1/public-key", null).body().get("keyId").asText());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
            assertThat(Files.readString(Path.of("/usr/share/redflag-agent/jvm.options"))).contains("-XX:+UseSerialGC");

            // run again, as monitor: the same agent, now unprivileged and read-only to the system
            Run again = sh(oneLine, Map.of("REDFLAG_ACCEPT", "monitor"));
            assertThat(again.exit()).as(again.out()).isZero();
            assertThat(again.out()).contains("already registered: keeping this agent's identity");
            assertThat(Files.readString(state)).contains(agentId);
            assertThat(Files.getOwner(Path.of("/var/lib/redflag-agent")).getName()).isEqualTo("redflag-agent");
            assertThat(Path.of("/etc/systemd/system/redflag-agent.service.d/monitor.conf")).exists();
            assertThat(Files.readString(env)).contains("REDFLAG_ACCEPT=monitor");
            Run status = sh("redflag-agent status", Map.of());
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(status.out()).contains("agent        " + agentId);
            Run noToken = sh("rm -rf /var/lib/redflag-agent && " + oneLine, Map.of());
            assertThat(noToken.exit()).isEqualTo(1);
            assertThat(noToken.out()).contains("the first install needs a registration token");

            // the .deb over it: installed, its user and folders made, then purged with everything it made
            Run deb = sh("dpkg -i --force-confold " + System.getProperty("redflag.agent.deb"), Map.of());
            assertThat(deb.exit()).as(deb.out()).isZero();
            assertThat(sh("dpkg-query -W -f='${Status}' redflag-agent", Map.of()).out()).isEqualTo("install ok installed");
            assertThat(Path.of("/usr/share/redflag-agent/redflag-agent.jar")).exists();
            assertThat(sh("getent passwd redflag-agent", Map.of()).exit()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/var/lib/redflag-agent"))))
                    .isEqualTo("rwx------");
            assertThat(sh("redflag-agent version", Map.of()).out().trim())
                    .isEqualTo(sh("java -jar " + System.getProperty("redflag.agent.jar") + " version", Map.of()).out().trim());
            Run purge = sh("dpkg --purge redflag-agent", Map.of());
            assertThat(purge.exit()).as(purge.out()).isZero();
            assertThat(Path.of("/usr/share/redflag-agent/redflag-agent.jar")).doesNotExist();
            assertThat(Path.of("/var/lib/redflag-agent")).doesNotExist();
            assertThat(sh("getent passwd redflag-agent", Map.of()).exit()).isNotZero();
        } finally {
            sh("dpkg --purge redflag-agent >/dev/null 2>&1; userdel redflag-agent >/dev/null 2>&1; rm -rf "
                    + String.join(" ", INSTALLED.stream().map(Path::toString).toList()), Map.of());
            server.close();
        }
    }

    record Run(int exit, String out) {}

    private static Run sh(String command, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
