// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleException;

/** A running agent runtime. Without a server URL it runs no loop: that is the command-line mode. */
public final class AgentRuntime {

    private AgentRuntime() {}

    /**
     * @param serverUrl         null for command-line use (no polling loop)
     * @param registrationToken used once, when the agent has no identity yet
     * @param fingerprint       optional key id to pin the server key out of band
     */
    public static FelixRuntime start(Path dataDir, String serverUrl, String registrationToken, String fingerprint,
            BundleSource bundles) throws IOException, BundleException {
        return start(dataDir, serverUrl, registrationToken, fingerprint, null, false, bundles);
    }

    /**
     * @param accept       what the server may make the agent do (monitor, all, or a list); null: the agent's default
     * @param registerOnly register (when not yet registered) and stop the loop: {@code redflag-agent register}
     */
    public static FelixRuntime start(Path dataDir, String serverUrl, String registrationToken, String fingerprint,
            String accept, boolean registerOnly, BundleSource bundles) throws IOException, BundleException {
        return start(dataDir, serverUrl, registrationToken, fingerprint, accept, registerOnly, Map.of(), bundles);
    }

    /** @param frameworkProps more framework properties (what the bootstrap tells the core: {@code redflag.core.*}) */
    public static FelixRuntime start(Path dataDir, String serverUrl, String registrationToken, String fingerprint,
            String accept, boolean registerOnly, Map<String, String> frameworkProps, BundleSource bundles)
            throws IOException, BundleException {
        Files.createDirectories(dataDir);
        Map<String, String> props = new HashMap<>(frameworkProps);
        props.put("redflag.version", Versions.product());
        props.put("redflag.runtime", "agent");
        props.put("redflag.data.dir", dataDir.toAbsolutePath().toString());
        Map<String, Map<String, Object>> configs = new HashMap<>();
        if (serverUrl != null) {
            Map<String, Object> agent = new HashMap<>();
            agent.put("server.url", serverUrl);
            agent.put("data.dir", dataDir.toAbsolutePath().toString());
            if (registrationToken != null) {
                agent.put(".registration.token", registrationToken);
            }
            if (fingerprint != null) {
                agent.put("server.fingerprint", fingerprint);
            }
            if (accept != null) {
                agent.put("accept", accept);
            }
            if (registerOnly) {
                agent.put("register.only", Boolean.TRUE);
            }
            configs.put("io.redflag.agent", agent);
        }
        return FelixRuntime.start(dataDir.resolve("felix-cache"), bundles, props, configs);
    }
}
