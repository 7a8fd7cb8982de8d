// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the agent tells the server about its host. The machine id is derived from the OS's own id
 * (or, where there is none or the agent was told to, a random id kept in the data folder) and hashed,
 * so the raw OS id never leaves the machine. Once the data folder holds an id, it is the one used: an
 * agent's identity does not change under it.
 */
record HostFacts(String machineId, String hostname, String osFamily, String osVersion, String architecture) {

    private static final List<Path> OS_MACHINE_IDS = List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

    static HostFacts detect(Path dataDir) throws IOException {
        return detect(dataDir, false);
    }

    /** @param instance identify by a random id kept in the data folder, not the OS's (cloned images, several agents) */
    static HostFacts detect(Path dataDir, boolean instance) throws IOException {
        return new HostFacts(machineId(dataDir, instance), detectHostname(), detectOsFamily(), detectOsVersion(), System.getProperty("os.arch"));
    }

    static String detectOsFamily() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "windows";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        return "linux";
    }

    private static String detectOsVersion() {
        Path osRelease = Path.of("/etc/os-release");
        if (Files.isReadable(osRelease)) {
            try {
                for (String line : Files.readAllLines(osRelease, StandardCharsets.UTF_8)) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        return line.substring(12).replace("\"", "");
                    }
                }
            } catch (IOException e) {
                // fall back to what the JVM knows
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String detectHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machineId(Path dataDir, boolean instance) throws IOException {
        String raw = null;
        Path own = dataDir.resolve("machine-id");
        for (Path p : Files.exists(own) || instance ? List.<Path>of() : OS_MACHINE_IDS) {
            if (Files.isReadable(p)) {
                raw = Files.readString(p, StandardCharsets.US_ASCII).trim();
                if (!raw.isEmpty()) {
                    break;
                }
            }
        }
        if (raw == null || raw.isEmpty()) {
            if (!Files.exists(own)) {
                Files.writeString(own, UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
            }
            raw = Files.readString(own, StandardCharsets.US_ASCII).trim();
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("redflag-machine:" + raw).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
