// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import io.redflag.binding.MachineKey;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** One simulated agent: its machine, its own key, what the server gave it, and the commands it ran. */
final class VirtualAgent {

    final int index;
    final String machineId;
    final MachineKey key = MachineKey.generate();
    String agentId;
    String accessToken;
    String refreshToken;
    /** When the access token stops being accepted, by {@link System#nanoTime()}. */
    long accessExpiresAt;
    /** The desired-state hash of the last check-in's answer, sent back as applied (the simulator runs no bundles). */
    String desiredState;
    /** Ids of the commands it ran: a command handed out again is answered, never run twice. */
    final Set<String> executed = new HashSet<>();
    private final AtomicBoolean busy = new AtomicBoolean();

    VirtualAgent(int index, String run) {
        this.index = index;
        this.machineId = "loadsim-" + run + "-" + index;
    }

    /** Whether this worker may speak for the agent now; one exchange at a time per agent, as a real one. */
    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }

    boolean registered() {
        return agentId != null;
    }

    void tokens(String access, long expiresInSeconds, String refresh) {
        accessToken = access;
        refreshToken = refresh;
        accessExpiresAt = System.nanoTime() + expiresInSeconds * 1_000_000_000L;
    }
}
