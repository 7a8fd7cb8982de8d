// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's identity and credentials, kept in {@code state.json} (0600) in the data folder: the
 * id the server gave it, the server key it pinned, and its current tokens. Also the last command
 * ids it executed, so a command handed out again after a crash is not run twice.
 */
public final class AgentState {

    static final String FILE = "state.json";
    static final int REMEMBERED_COMMANDS = 500;

    public String serverUrl;
    public String agentId;
    public String machineId;
    public String serverPublicKey;
    public String serverKeyId;
    public String accessToken;
    public String refreshToken;
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
        return executedCommands.contains(commandId);
    }

    void rememberExecuted(String commandId) {
        ArrayDeque<String> q = new ArrayDeque<>(executedCommands);
        q.addLast(commandId);
        while (q.size() > REMEMBERED_COMMANDS) {
            q.removeFirst();
        }
        executedCommands = new ArrayList<>(q);
    }
}
