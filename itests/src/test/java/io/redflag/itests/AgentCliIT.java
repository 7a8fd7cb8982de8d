// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's command-line tools, run as a user runs them: {@code java -jar redflag-agent.jar …}. */
class AgentCliIT {

    @TempDir
    Path tmp;

    private static Cli.Run agent(String... args) throws Exception {
        return Cli.run("redflag.agent.jar", args);
    }

    @Test
    void parsesAptListingThroughTheScannerBundle() throws Exception {
        Path listing = tmp.resolve("apt.txt");
        Files.writeString(listing, String.join("\n",
                "Listing...",
                "openssl/stable-security 3.0.15-1~deb12u1 amd64 [upgradable from: 3.0.14-1~deb12u2]",
                "libc6/stable 1:2.36-9+deb12u9 amd64 [upgradable from: 1:2.36-9+deb12u8]", ""), StandardCharsets.UTF_8);
        Cli.Run r = agent("parse", "apt", "--kind", "scan", listing.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        JsonNode records = Http.JSON.readTree(r.out());
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("name").asText()).isEqualTo("openssl");
        assertThat(records.get(0).get("security").asBoolean()).isTrue();
        assertThat(records.get(1).get("installedVersion").asText()).isEqualTo("1:2.36-9+deb12u8");
    }

    @Test
    void comparesVersionsPerEcosystem() throws Exception {
        assertThat(agent("compare-versions", "apt", "1:0.1", "2.0").out().trim()).isEqualTo("1");
        assertThat(agent("compare-versions", "apt", "1.0~rc1", "1.0").out().trim()).isEqualTo("-1");
        assertThat(agent("compare-versions", "dnf", "1.0^git1", "1.0").out().trim()).isEqualTo("1");
        assertThat(agent("compare-versions", "agent", "0.1.9", "0.1.22").out().trim()).isEqualTo("-1");
        assertThat(agent("compare-versions", "agent", "v0.1.23.5", "0.1.23").out().trim()).isEqualTo("1");
    }

    @Test
    void failsClearlyOnUnknownEcosystemsAndUnreadableInput() throws Exception {
        Cli.Run unknown = agent("parse", "snap", tmp.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown ecosystem 'snap'").contains("apt");
        Cli.Run missing = agent("parse", "apt", tmp.resolve("nope.txt").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
        Cli.Run kind = agent("parse", "apt", "--kind", "install", tmp.toString());
        assertThat(kind.exit()).isEqualTo(2);
        assertThat(agent("compare-versions", "apt", "1").exit()).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelpAndBadOptionsExitTwoNamingWhatWasWrong() throws Exception {
        Cli.Run help = agent("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("register --server URL").contains("status [--data-dir").contains("scan [ECOSYSTEM]");
        for (String command : new String[] {"run", "register", "status", "scan", "parse", "compare-versions", "ecosystems",
                "version"}) {
            Cli.Run r = agent(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("usage: redflag-agent " + command);
        }
        Cli.Run accept = agent("run", "--server", "http://127.0.0.1:9", "--accept", "scan,reboot");
        assertThat(accept.exit()).isEqualTo(2);
        assertThat(accept.err()).contains("--accept: unknown action [reboot]");
        Cli.Run machineId = agent("run", "--server", "http://127.0.0.1:9", "--machine-id", "mac");
        assertThat(machineId.exit()).isEqualTo(2);
        assertThat(machineId.err()).contains("--machine-id must be os").contains("not 'mac'");
        assertThat(agent("run", "--help").out()).contains("--machine-id instance");
        assertThat(agent("frobnicate").exit()).isEqualTo(2);
        assertThat(agent("scan", "snap").err()).contains("unknown ecosystem 'snap'");
        Cli.Run nobody = agent("status", "--data-dir", tmp.resolve("never").toString());
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("no agent has run with the data folder");
        Cli.Run refused = agent("register", "--server", Fleet.get().server.endpoint(), "--token", "rfr_not-a-token",
                "--data-dir", tmp.resolve("refused").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("not registered: the server refuses this agent: HTTP 401");
    }

    @Test
    void scanPrintsWhatTheHostsScannersFindWithoutAServer() throws Exception {
        Cli.Run r = agent("scan", "storage", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode reports = Http.JSON.readTree(r.out());
        assertThat(reports.get("storage").get("status").asText()).isEqualToIgnoringCase("ok");
        assertThat(reports.get("storage").get("readings").findValuesAsText("id")).as("this machine's root file system")
                .contains("/");
    }

    @Test
    void statusShowsWhatTheRunningAgentLastKnew() throws Exception {
        Fleet fleet = Fleet.get();
        Path data = fleet.dataDir.resolve("agent");
        Fleet.await(java.time.Duration.ofSeconds(30), () -> Files.exists(data.resolve("status.json")) ? true : null,
                "the agent's status file");
        Cli.Run r = agent("status", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("agent        " + fleet.agentId).contains("server       " + fleet.server.endpoint())
                .contains("accepts      scan, dry-run, install, bundle-updates, core-updates").contains("io.redflag.agent ");
        JsonNode json = Http.JSON.readTree(agent("status", "--data-dir", data.toString(), "--json").out());
        assertThat(json.get("agentId").asText()).isEqualTo(fleet.agentId);
        assertThat(json.get("lastCheckInAt").asText()).isNotEmpty();
        assertThat(r.out() + agent("status", "--data-dir", data.toString(), "--json").out()).as("no secret in the status")
                .doesNotContain("rft_").doesNotContain("rfr_").doesNotContain("eyJ");
    }
}
