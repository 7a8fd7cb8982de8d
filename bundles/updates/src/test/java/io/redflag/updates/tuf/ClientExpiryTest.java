// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static io.redflag.updates.tuf.RepositoryLayout.ROOT;
import static io.redflag.updates.tuf.RepositoryLayout.SNAPSHOT;
import static io.redflag.updates.tuf.RepositoryLayout.TARGETS;
import static io.redflag.updates.tuf.RepositoryLayout.TIMESTAMP;
import static io.redflag.updates.tuf.SimulatedRepository.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.updates.tuf.TufException.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Freeze attacks, after tuf-conformance's test_expiration.py: expired metadata is refused, what was trusted stays. */
class ClientExpiryTest extends ClientTestSupport {

    static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));

    @Test
    void anExpiredRootIsPersistedButTheUpdateStopsThere() throws Exception {
        refresh();
        repo.publish(ROOT);
        refresh();
        repo.root.expires(YESTERDAY);
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains(ROOT);
        assertThat(e.getMessage()).contains("freeze");
        // 5.3.10 comes after the new root is persisted: the next update starts from v3
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 3, SNAPSHOT, 1, TARGETS, 1, TIMESTAMP, 1));
    }

    @Test
    void anExpiredTimestampIsRefused() throws Exception {
        refresh();
        repo.timestamp.expires(NOW.minus(Duration.ofDays(5)));
        repo.publish(TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains(TIMESTAMP);
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 1, TARGETS, 1, TIMESTAMP, 1));
    }

    @Test
    void anExpiredSnapshotIsRefused() throws Exception {
        refresh();
        repo.snapshot.expires(NOW.minus(Duration.ofDays(5)));
        repo.publish(SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains(SNAPSHOT);
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 1, TARGETS, 1, TIMESTAMP, 2));
    }

    @Test
    void expiredTargetsAreRefused() throws Exception {
        refresh();
        repo.targets.expires(NOW.minus(Duration.ofDays(5)));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = refreshFails();

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains(TARGETS);
        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 1, SNAPSHOT, 2, TARGETS, 1, TIMESTAMP, 2));
    }

    @Test
    void expiryIsJudgedAtTheUpdatesStartTime() throws Exception {
        refresh();
        // expires exactly now: no longer valid (it must be later than the start time)
        repo.timestamp.expires(NOW);
        repo.publish(TIMESTAMP);

        assertThat(refreshFails().reason()).isEqualTo(Reason.EXPIRED);
        client(NOW.minusSeconds(1)).refresh();
        assertThat(trustedVersion(TIMESTAMP)).isEqualTo(2);
    }

    @Test
    void anExpiredLocalRootIsUpdatedFrom() throws Exception {
        repo.root.expires(NOW.plus(Duration.ofDays(7)));
        repo.publish(ROOT);
        refresh();
        repo.root.expires(NOW.plus(Duration.ofDays(21)));
        repo.publish(ROOT);
        repo.timestamp.expires(NOW.plus(Duration.ofDays(60)));
        repo.snapshot.expires(NOW.plus(Duration.ofDays(60)));
        repo.targets.expires(NOW.plus(Duration.ofDays(60)));
        repo.publish(TARGETS, SNAPSHOT, TIMESTAMP);

        client(NOW.plus(Duration.ofDays(18))).refresh();

        assertThat(trustedVersion(ROOT)).isEqualTo(3);
    }

    @Test
    void anExpiredLocalTimestampStillGuardsAgainstRollbackAndIsReplaced() throws Exception {
        repo.timestamp.expires(NOW.plus(Duration.ofDays(7)));
        repo.publish(TIMESTAMP);
        refresh();
        repo.timestamp.expires(NOW.plus(Duration.ofDays(21)));
        repo.root.expires(NOW.plus(Duration.ofDays(60)));
        repo.snapshot.expires(NOW.plus(Duration.ofDays(60)));
        repo.targets.expires(NOW.plus(Duration.ofDays(60)));
        repo.publish(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

        client(NOW.plus(Duration.ofDays(18))).refresh();

        assertThat(trustedRoles()).isEqualTo(roles(ROOT, 2, SNAPSHOT, 2, TARGETS, 2, TIMESTAMP, 3));
    }

    @Test
    void theSameExpiredTimestampAgainIsAFreezeAttack() throws Exception {
        repo.timestamp.expires(NOW.plus(Duration.ofDays(1)));
        repo.publish(TIMESTAMP);
        refresh();

        TufException e = refreshFails(NOW.plus(Duration.ofDays(2)));

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains(TIMESTAMP);
    }

    @Test
    void anExpiredDelegatedRoleIsRefusedAtLookUp() throws Exception {
        repo.addDelegation(TARGETS, "plugins", false, java.util.List.of("plugins/*"));
        repo.delegated.get("plugins").expires(YESTERDAY);
        repo.addArtifact("plugins", "plugins/a.jar", new byte[] {1});
        repo.publish("plugins", TARGETS, SNAPSHOT, TIMESTAMP);

        TufException e = downloadFails("plugins/a.jar");

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.role()).contains("plugins");
        assertThat(trustedVersion("plugins")).isNull();
    }
}
