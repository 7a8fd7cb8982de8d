// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.server.store.internal.ChainedAuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private final Database db = TestDatabase.fresh();
    private final AuditLog audit = new ChainedAuditLog(db);

    @Test
    void refusalsAreWrittenOnceAndThenCountedPerSourceAndKind() {
        ChainedAuditLog log = new ChainedAuditLog(db);
        for (int i = 0; i < 500; i++) {
            log.refusal("203.0.113.9", "operator.token.refused", "GET /api/v1/agents #" + i);
        }
        log.refusal("198.51.100.7", "operator.token.refused", "GET /api/v1/agents");
        log.refusal("203.0.113.9", "proof.refused", "POST /api/v1/agents/register");
        assertThat(details("operator.token.refused")).containsExactly("GET /api/v1/agents #0", "GET /api/v1/agents");
        assertThat(details("proof.refused")).hasSize(1);

        log.flushRefusals(true);
        assertThat(details("operator.token.refused")).hasSize(3)
                .last().asString().isEqualTo("499 more refused within 60 s of the first; the last: GET /api/v1/agents #499");
        assertThat(details("proof.refused")).as("nothing more to say about a single refusal").hasSize(1);
    }

    private List<String> details(String action) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_log WHERE action = ? AND security ORDER BY id")) {
                ps.setString(1, action);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void eachRowLinksToThePreviousOneAndSecurityEventsAreMarked() {
        audit.record("operator:admin", "registration-token.create", "seats=3");
        audit.securityEvent("anonymous", "operator.token.refused", "GET /api/v1/agents");
        audit.record("agent:a", "agent.register", "hostname=h");
        List<String[]> rows = db.inTransaction(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT action, security, prev_hash, hash FROM audit_log ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return out;
        });
        assertThat(rows).extracting(r -> r[0]).containsExactly("registration-token.create", "operator.token.refused", "agent.register");
        assertThat(rows).extracting(r -> r[1]).containsExactly("f", "t", "f");
        assertThat(rows.get(0)[2]).isEmpty();
        assertThat(rows.get(1)[2]).isEqualTo(rows.get(0)[3]);
        assertThat(rows.get(2)[2]).isEqualTo(rows.get(1)[3]);
        assertThat(rows.stream().map(r -> r[3]).distinct()).hasSize(3);
    }

    @Test
    void anEventInsideAFailedTransactionIsRolledBackWithItButASecurityEventStays() {
        assertThatThrownBy(() -> db.inTransaction(c -> {
            audit.append(c, "operator:admin", "command.install", "agent=x", false);
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");
        audit.securityEvent("agent:x", "agent.impersonation.refused", "token of x used for y");
        long count = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(count).isEqualTo(1);
    }

    @Test
    void theSchemaCarriesTheKindOfEachRecordAndAcceptsUnknownResultStatuses() {
        List<String> columns = db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE column_name = 'kind' ORDER BY 1"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(columns).containsExactly("agent_subsystems.kind", "pending_updates.kind");
    }

    @Test
    void theLogIsReadNewestFirstByPagesAndFiltersAndVerifyFindsAnEditedOrRemovedRow() {
        for (int i = 0; i < 5; i++) {
            audit.record("operator:alice", "agent.heartbeat", "agent=" + i);
        }
        audit.securityEvent("agent:x", "agent.downgrade.refused", "0.0.9 after 0.1.0");
        audit.record("operator:bob", "command.dry-run", "agent=y");
        var page = audit.read(null, null, null, null, 3);
        assertThat(page).extracting(e -> e.action).containsExactly("command.dry-run", "agent.downgrade.refused", "agent.heartbeat");
        var next = audit.read(null, null, null, page.get(2).id, 3);
        assertThat(next).extracting(e -> e.detail).containsExactly("agent=3", "agent=2", "agent=1");
        assertThat(audit.read("operator:alice", "agent.", null, null, 100)).hasSize(5);
        assertThat(audit.read(null, null, true, null, 100)).singleElement().satisfies(e -> assertThat(e.actor).isEqualTo("agent:x"));
        assertThat(audit.read(null, "agent_", null, null, 100)).as("_ is no wildcard").isEmpty();

        var ok = audit.verify();
        assertThat(ok.intact).isTrue();
        assertThat(ok.checked).isGreaterThanOrEqualTo(7);
        assertThat(ok.head).isEqualTo(audit.read(null, null, null, null, 1).get(0).hash);

        long edited = next.get(1).id;
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE audit_log SET detail = 'agent=999' WHERE id = " + edited));
        var tampered = audit.verify();
        assertThat(tampered.intact).isFalse();
        assertThat(tampered.brokenAt).isEqualTo(edited);
        assertThat(tampered.reason).contains("was edited");
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE audit_log SET detail = 'agent=2' WHERE id = " + edited));
        assertThat(audit.verify().intact).isTrue();
        db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM audit_log WHERE id = " + edited));
        var removed = audit.verify();
        assertThat(removed.brokenAt).isEqualTo(edited + 1);
        assertThat(removed.reason).contains("removed");
    }
}
