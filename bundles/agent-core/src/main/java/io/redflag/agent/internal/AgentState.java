// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.signing.CommandAcceptance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's identity and credentials, kept in {@code state.json} (0600) in the data folder: the
 * id the server gave it, the server key it pinned, and its current tokens. Also the ids of the commands it
 * executed, with when they were issued, for as long as a command of that age would be accepted at all: a
 * command handed out again (after a crash, or replayed) is never run twice.
 */
public final class AgentState {

    static final String FILE = "state.json";

    public String serverUrl;
    public String agentId;
    public String machineId;
    public String serverPublicKey;
    public String serverKeyId;
    public String accessToken;
    public String refreshToken;
    /** The desired-state hash the agent last brought in (all of it, or all that can be); null before the first. */
    public String appliedDesiredState;
    /** Nonces of core-update orders already taken (the newest 100), so that none is taken twice. */
    public List<String> coreNonces = new ArrayList<>();
    /** Core-update orders staged whose outcome (from the bootstrap's history) has not been reported yet. */
    public List<String> pendingCoreUpdates = new ArrayList<>();
    /** Executed command ids and the instant each was issued. */
    public Map<String, String> executed = new LinkedHashMap<>();
    /** What agents before 0.2 kept: the last 500 ids, without times; still honoured, no longer added to. */
    public List<String> executedCommands = new ArrayList<>();

    static AgentState load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        return Files.exists(f) ? JsonFiles.read(f, AgentState.class) : new AgentState();
    }

    void save(Path dataDir) throws IOException {
        JsonFiles.write(dataDir.resolve(FILE), this);
    }

    boolean registered() {
        return agentId != null && serverPublicKey != null && refreshToken != null;
    }

    boolean executed(String commandId) {
        return executed.containsKey(commandId) || executedCommands.contains(commandId);
    }

    /** Remembers the id until a command issued then would be refused as stale anyway. */
    void rememberExecuted(String commandId, String issuedAt, Instant now) {
        executed.put(commandId, issuedAt == null ? now.toString() : issuedAt);
        Instant forgetBefore = now.minus(CommandAcceptance.MAX_AGE).minus(CommandAcceptance.MAX_AHEAD);
        executed.values().removeIf(issued -> {
            try {
                return Instant.parse(issued).isBefore(forgetBefore);
            } catch (DateTimeParseException e) {
                return true; // not a time this agent wrote; a command with it was refused anyway
            }
        });
    }
}
