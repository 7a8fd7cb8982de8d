// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who did what, hash-chained so that a deleted or edited row breaks the chain. Callers never pass
 * secrets in. Security events (refused tokens, bad signatures) are also logged at WARN on the
 * {@code io.redflag.security} category.
 */
@ProviderType
public interface AuditLog {

    /** An ordinary event, in its own transaction. */
    void record(String actor, String action, String detail);

    /** A refused request: logged and audited in its own transaction, so a rollback of the request keeps it. */
    void securityEvent(String actor, String action, String detail);

    /**
     * A refused authentication or proof, from {@code source} (a client address, an agent): the first of each kind
     * and source in a minute is written at once like a {@link #securityEvent}; further ones in that minute are
     * counted and written as one row (and one log line) when it ends. Guessing tokens therefore costs the guesser
     * far more than it costs the database and the log.
     */
    void refusal(String source, String action, String detail);

    /** An event inside the caller's transaction: it stands or falls with the work it describes. */
    void append(Connection c, String actor, String action, String detail, boolean security) throws SQLException;

    /**
     * Rows newest first, filtered (null: any) and paged: {@code before} is the id the last page ended with (null:
     * from the newest); at most {@code limit} rows.
     */
    java.util.List<io.redflag.protocol.AuditEntryDTO> read(String actor, String actionPrefix, Boolean security, Long before,
            int limit);

    /** Walks the whole chain, oldest first, and says whether and where it breaks. */
    io.redflag.protocol.AuditVerificationDTO verify();
}
