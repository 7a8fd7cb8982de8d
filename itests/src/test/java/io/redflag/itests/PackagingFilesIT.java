// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The service definitions cooperate with the core switch (exit 75 leads to a restart), start the agent with the JVM
 * options that were measured, and keep its settings local; the Windows one is well-formed WinSW.
 */
class PackagingFilesIT {

    private static final Path PACKAGING = Path.of(System.getProperty("redflag.agent.packaging"), "packaging");

    @Test
    void theSystemdUnitRestartsTheAgentAfterACoreSwitchAndRunsItAsMeasured() throws Exception {
        String unit = Files.readString(PACKAGING.resolve("redflag-agent.service"));
        assertThat(unit).contains("Restart=always").contains("RestartForceExitStatus=75").contains("StartLimitIntervalSec=0")
                .contains("ExecStart=/usr/bin/java @/usr/share/redflag-agent/jvm.options -jar /usr/share/redflag-agent/"
                        + "redflag-agent.jar run --server ${REDFLAG_SERVER} --data-dir /var/lib/redflag-agent --accept "
                        + "${REDFLAG_ACCEPT}")
                .contains("EnvironmentFile=/etc/redflag-agent/agent.env").contains("StateDirectoryMode=0700");
        String monitor = Files.readString(PACKAGING.resolve("monitor.conf"));
        assertThat(monitor).contains("User=redflag-agent").contains("NoNewPrivileges=yes").contains("ProtectSystem=strict")
                .contains("ReadWritePaths=/var/lib/redflag-agent");
        assertThat(Files.readString(PACKAGING.resolve("redflag-agent"))).contains("exec java @/usr/share/redflag-agent/jvm.options");
    }

    @Test
    void theWindowsServiceRestartsOnEveryFailureWithTheSameOptions() throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PACKAGING.resolve("redflag-agent.xml").toFile());
        assertThat(d.getElementsByTagName("id").item(0).getTextContent()).isEqualTo("redflag-agent");
        assertThat(d.getElementsByTagName("onfailure").item(0).getAttributes().getNamedItem("action").getTextContent())
                .isEqualTo("restart");
        assertThat(d.getElementsByTagName("arguments").item(0).getTextContent()).startsWith("@\"%BASE%\\jvm.options\" -jar")
                .contains(" run --server ").contains("--accept all");
    }
}
