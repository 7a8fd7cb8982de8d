// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.CoreUpdateDTO;
import io.redflag.protocol.CoreUpdateOutcome;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.version.VersionOrderings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The core's side of replacing itself. A core-update order is checked (fresh, its nonce unused, this platform, newer than
 * what runs), the release downloaded through the signed metadata into {@code <data>/core/versions/VERSION/}, and a
 * staging record left for the bootstrap ({@code core/staged.properties}); the agent then stops and its bootstrap
 * restarts it into the new core, which proves itself by writing {@code core/healthy} after its first accepted check-in.
 * The bootstrap's history (in {@code core/core-state.properties}) is what the agent reports. The file formats are the
 * launcher's {@code CoreSlots}.
 */
final class CoreUpdater {

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32,64}");
    static final Duration VALIDITY = Duration.ofSeconds(CommandType.CORE_UPDATE_VALIDITY_SECONDS);

    /** What became of an order: a staged release (the agent restarts now) or why not. */
    record Staging(boolean staged, boolean refused, String message) {}

    private final Path core;
    private final String running;
    private final String platform;
    private final boolean bootstrapped;
    private final String trial;
    private boolean healthyWritten;
    private long historyStamp = -1;
    private List<CoreUpdateDTO> history = List.of();

    /**
     * @param running      the version of this core
     * @param bootstrapped whether a bootstrap runs this core (only then can it be replaced)
     * @param trial        the version on trial, when this core is one (from the bootstrap); null otherwise
     */
    CoreUpdater(Path dataDir, String running, String platform, boolean bootstrapped, String trial) {
        this.core = dataDir.resolve("core");
        this.running = running;
        this.platform = platform;
        this.bootstrapped = bootstrapped;
        this.trial = trial;
    }

    String platform() {
        return platform;
    }

    /** The platform name of this host: {@code linux-amd64}, {@code linux-arm64}, {@code windows-amd64}, {@code darwin-arm64}. */
    static String platformOf(String osFamily, String osArch) {
        String arch = osArch == null ? "unknown" : osArch.toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "x86_64", "amd64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch.replaceAll("[^a-z0-9_]", "");
        };
        return osFamily + "-" + (arch.isEmpty() ? "unknown" : arch);
    }

    /**
     * Checks an order; null when it may go ahead, else why not (a refusal).
     *
     * @param usedNonce whether this nonce was seen before
     */
    String refusal(SignedCommandDTO cmd, CommandParamsDTO params, Instant now, boolean usedNonce) {
        if (!bootstrapped) {
            return "this agent runs without the bootstrap of 'redflag-agent run' (embedded): it cannot replace its core";
        }
        Instant issued;
        try {
            issued = Instant.parse(cmd.issuedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            return "the order carries no readable issue time";
        }
        if (issued.plus(VALIDITY).isBefore(now)) {
            return "the order was issued at " + cmd.issuedAt + ": core updates must start within "
                    + VALIDITY.toMinutes() + " min";
        }
        if (params.nonce == null || !NONCE.matcher(params.nonce).matches()) {
            return "the order carries no nonce";
        }
        if (usedNonce) {
            return "the order's nonce was used before (a replay)";
        }
        if (!platform.equals(params.platform)) {
            return "the order is for " + params.platform + "; this agent runs on " + platform;
        }
        if (params.coreVersion == null || VersionOrderings.AGENT.compare(params.coreVersion, running) <= 0) {
            return "core " + params.coreVersion + " is not newer than " + running + ": a core is never downgraded";
        }
        return null;
    }

    /** Puts a verified release where the bootstrap takes it from, and leaves the staging record. */
    void stage(String version, AgentUpdates.VerifiedCore verified, String commandId) throws IOException {
        Path dir = core.resolve("versions").resolve(version);
        Files.createDirectories(dir);
        Path jar = dir.resolve("redflag-agent.jar");
        Path part = dir.resolve("redflag-agent.jar.part");
        Files.copy(verified.file(), part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("jar", "versions/" + version + "/redflag-agent.jar");
        p.setProperty("sha256", verified.sha256());
        p.setProperty("from", running);
        if (commandId != null) {
            p.setProperty("command", commandId);
        }
        Path tmp = core.resolve("staged.properties.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "a verified core release for the bootstrap (see the launcher's CoreSlots)");
        }
        Files.move(tmp, core.resolve("staged.properties"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** After an accepted check-in: a core on trial tells its bootstrap it is healthy (once). */
    void checkedIn() throws IOException {
        if (trial != null && trial.equals(running) && !healthyWritten) {
            Files.createDirectories(core);
            Files.writeString(core.resolve("healthy"), running + "\n");
            healthyWritten = true;
        }
    }

    /** The bootstrap's history, newest first (read again only when its file changed). */
    List<CoreUpdateDTO> history() {
        Path f = core.resolve("core-state.properties");
        try {
            long stamp = Files.exists(f) ? Files.getLastModifiedTime(f).toMillis() ^ Files.size(f) : 0;
            if (stamp == historyStamp) {
                return history;
            }
            List<CoreUpdateDTO> out = new ArrayList<>();
            if (stamp != 0) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                for (int i = 0; i < io.redflag.protocol.MessageRules.MAX_CORE_HISTORY; i++) {
                    String line = p.getProperty("history." + i);
                    if (line == null) {
                        break;
                    }
                    CoreUpdateDTO u = parse(line);
                    if (u != null) {
                        out.add(u);
                    }
                }
            }
            history = out;
            historyStamp = stamp;
        } catch (IOException | IllegalArgumentException e) {
            // unreadable right now (being replaced): what was read before stands
        }
        return history;
    }

    /** {@code version|from|outcome|at|command|reason}; null when not in that form. */
    static CoreUpdateDTO parse(String line) {
        String[] f = line.split("\\|", 6);
        if (f.length < 6 || f[0].isBlank()) {
            return null;
        }
        CoreUpdateDTO u = new CoreUpdateDTO();
        u.version = f[0];
        u.from = f[1].isEmpty() ? null : f[1];
        u.outcome = CoreUpdateOutcome.fromWire(f[2]);
        u.at = f[3].isEmpty() ? null : f[3];
        u.commandId = f[4].isEmpty() ? null : f[4];
        u.reason = f[5].isEmpty() ? null : f[5].length() > 2000 ? f[5].substring(0, 2000) : f[5];
        return u;
    }
}
