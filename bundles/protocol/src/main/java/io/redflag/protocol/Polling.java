// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/** How often agents call: the server says so at registration and at every check-in, within these bounds. */
public final class Polling {

    /** What a server asks for unless configured otherwise, and what an agent uses before it has heard. */
    public static final int DEFAULT_INTERVAL_SECONDS = 15;
    /** The shortest interval an agent accepts. */
    public static final int MIN_INTERVAL_SECONDS = 1;
    /** The longest interval an agent accepts. */
    public static final int MAX_INTERVAL_SECONDS = 3600;

    /** How long an operator may ask an agent to poll often (heartbeat mode), in minutes. */
    public static final java.util.List<Integer> HEARTBEAT_MINUTES = java.util.List.of(10, 30, 60);
    /** The poll interval in heartbeat mode. */
    public static final int HEARTBEAT_INTERVAL_SECONDS = 5;

    private Polling() {}

    /** The interval an agent uses when a server asks for {@code seconds}. */
    public static int clamp(long seconds) {
        return (int) Math.max(MIN_INTERVAL_SECONDS, Math.min(MAX_INTERVAL_SECONDS, seconds));
    }
}
