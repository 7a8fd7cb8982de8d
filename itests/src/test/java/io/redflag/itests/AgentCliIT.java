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
}
