// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.inventory;

import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/** Agents for tests, written as enrolment writes them. */
public final class TestAgents {

    private TestAgents() {}

    /** A new active agent with the default subsystems for {@code scanners}; returns its id. */
    public static UUID insert(Database db, Inventory inventory, List<String> scanners) {
        UUID id = UUID.randomUUID();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, machine_id, hostname, os_family, agent_version) "
                    + "VALUES (?, ?, 'host', 'linux', '0.1.0')")) {
                ps.setObject(1, id);
                ps.setString(2, "machine-" + id);
                ps.executeUpdate();
            }
            inventory.createDefaultSubsystems(c, id, scanners);
            return null;
        });
        return id;
    }
}
