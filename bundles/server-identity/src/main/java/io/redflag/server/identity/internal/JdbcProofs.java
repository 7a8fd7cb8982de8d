// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity.internal;

import io.redflag.binding.ProofException;
import io.redflag.binding.ProofVerifier;
import io.redflag.binding.VerifiedProof;
import io.redflag.server.identity.CredentialsRefusedException;
import io.redflag.server.identity.ProofOfPossession;
import io.redflag.server.store.AuditLog;
import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Proofs of possession, spent once across all server nodes: each proof's {@code jti} is inserted into
 * {@code proof_nonces} and kept until a proof that old would be refused anyway; a second insert is a replay.
 */
@Component(service = ProofOfPossession.class)
public final class JdbcProofs implements ProofOfPossession {

    /** Long enough that a jti outlives every proof that could carry it (iat within ±MAX_SKEW). */
    static final Duration KEEP = ProofVerifier.MAX_SKEW.multipliedBy(2);
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    private final ProofVerifier verifier;
    private final Database db;
    private final AuditLog audit;
    private final AtomicLong lastSweep = new AtomicLong();

    @Activate
    public JdbcProofs(@Reference ProofVerifier verifier, @Reference Database db, @Reference AuditLog audit) {
        this.verifier = verifier;
        this.db = db;
        this.audit = audit;
    }

    @Override
    public VerifiedProof accept(String proof, String method, String path, byte[] body, String accessToken, String boundTo) {
        Instant now = Instant.now();
        VerifiedProof p;
        try {
            p = verifier.verify(proof, method, path, body, accessToken, now);
        } catch (ProofException e) {
            audit.refusal("anonymous", "proof.refused", method + " " + path + ": " + e.getMessage());
            throw new CredentialsRefusedException(e.getMessage());
        }
        if (boundTo != null && !boundTo.equals(p.thumbprint)) {
            audit.securityEvent("key:" + p.thumbprint, "proof.wrong-key.refused", method + " " + path
                    + ": the access token is bound to another key");
            throw new CredentialsRefusedException("proof made by another key than the access token is bound to");
        }
        boolean fresh = db.inTransaction(c -> {
            long last = lastSweep.get();
            if (now.toEpochMilli() - last > SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now.toEpochMilli())) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM proof_nonces WHERE expires_at < now()")) {
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO proof_nonces (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING")) {
                ps.setString(1, p.jti);
                ps.setTimestamp(2, Timestamp.from(p.issuedAt.plus(KEEP)));
                return ps.executeUpdate() == 1;
            }
        });
        if (!fresh) {
            audit.refusal("key:" + p.thumbprint, "proof.replay.refused", method + " " + path + ": proof " + p.jti
                    + " presented again");
            throw new CredentialsRefusedException("this proof of possession was already used (replay); sign each request anew");
        }
        return p;
    }
}
