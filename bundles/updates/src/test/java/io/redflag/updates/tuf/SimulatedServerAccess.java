// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Lets tests in other packages drive a {@link SimulatedServer} without seeing the simulator's internals. */
public final class SimulatedServerAccess implements AutoCloseable {

    private final SimulatedServer server;

    private SimulatedServerAccess(SimulatedServer server) {
        this.server = server;
    }

    public static SimulatedServerAccess start() throws IOException {
        // the command line judges expiry by the system clock
        Instant expiry = Instant.now().plus(Duration.ofDays(30));
        return new SimulatedServerAccess(new SimulatedServer(new SimulatedRepository(expiry)));
    }

    public byte[] rootV1() {
        return server.repo.served(RepositoryLayout.ROOT, 1);
    }

    public byte[] latest(String role) {
        synchronized (server.repo) {
            return server.repo.latest(role);
        }
    }

    public String metadataUrl() {
        return server.metadataUrl();
    }

    public String targetsUrl() {
        return server.targetsUrl();
    }

    public void addArtifact(String path, String content) {
        synchronized (server.repo) {
            server.repo.addArtifact(RepositoryLayout.TARGETS, path, content.getBytes(UTF_8));
            server.repo.publish(RepositoryLayout.TARGETS, RepositoryLayout.SNAPSHOT, RepositoryLayout.TIMESTAMP);
        }
    }

    public void addDelegatedRole(String role) {
        synchronized (server.repo) {
            server.repo.addDelegation(RepositoryLayout.TARGETS, role, false, List.of("*"));
            server.repo.publish(role, RepositoryLayout.TARGETS, RepositoryLayout.SNAPSHOT,
                    RepositoryLayout.TIMESTAMP);
        }
    }

    public List<String> metadataRequests() {
        synchronized (server.repo) {
            return List.copyOf(server.repo.metadataRequests);
        }
    }

    public void failWith(int status) {
        server.failWith = status;
    }

    @Override
    public void close() {
        server.close();
    }
}
