// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/** The routes of {@code /api/v1} that agents call, relative to the server's base URL. */
public final class Routes {

    /** Base path of version 1 of the API. */
    public static final String BASE = "api/v1";
    /** {@code GET}: the server's public key ({@link PublicKeyDTO}). */
    public static final String PUBLIC_KEY = BASE + "/public-key";
    /** Parent of the agent routes. */
    public static final String AGENTS = BASE + "/agents";
    /** {@code POST} {@link RegisterRequestDTO} → {@link RegisterResponseDTO}. */
    public static final String REGISTER = AGENTS + "/register";
    /** {@code POST} {@link RefreshRequestDTO} → {@link TokenPairDTO}. */
    public static final String TOKEN = AGENTS + "/token";
    /** The artifact repository: {@code POST} a bundle's bytes, {@code GET} the list of {@link ArtifactDTO}. */
    public static final String ARTIFACTS = BASE + "/artifacts";

    private Routes() {}

    /** {@code POST} {@link CheckInRequestDTO} → {@link CheckInResponseDTO}. */
    public static String checkIn(String agentId) {
        return AGENTS + "/" + agentId + "/check-in";
    }

    /** {@code GET} → {@link DesiredStateDTO}. */
    public static String desiredState(String agentId) {
        return AGENTS + "/" + agentId + "/desired-state";
    }

    /** Base of the repository's signed (TUF) metadata as this agent fetches it: {@code …/N.root.json}, {@code …/timestamp.json}. */
    public static String updateMetadata(String agentId) {
        return AGENTS + "/" + agentId + "/updates/metadata";
    }

    /** Base of the repository's target files (bundles by hash-prefixed name) as this agent fetches them. */
    public static String updateTargets(String agentId) {
        return AGENTS + "/" + agentId + "/updates/targets";
    }

    /** {@code POST} {@link CommandResultDTO} → {@link ResultAckDTO}. */
    public static String results(String agentId) {
        return AGENTS + "/" + agentId + "/results";
    }
}
