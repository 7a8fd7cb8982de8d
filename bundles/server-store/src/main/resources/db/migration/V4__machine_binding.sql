-- SPDX-License-Identifier: Apache-2.0
-- Identity rooted in a key: each agent's Ed25519 public key (JWK) and its RFC 7638 thumbprint, which access
-- tokens are bound to; a rebind an operator allows (the next registration from that machine id takes the agent
-- over with its new key); proofs of possession used once; results kept with the exact bytes the agent signed and
-- its proof, so they can be checked again later against the agent's key; how many results an agent had to set
-- aside (it says so at each check-in); refused authentications counted per window instead of a row each.
ALTER TABLE agents
    ADD COLUMN key_thumbprint text UNIQUE,
    ADD COLUMN public_key text,
    ADD COLUMN rebind_machine_id text,
    ADD COLUMN rebind_until timestamptz,
    ADD COLUMN quarantined_results integer NOT NULL DEFAULT 0;
ALTER TABLE agents DROP CONSTRAINT agents_status_check;
ALTER TABLE agents ADD CONSTRAINT agents_status_check CHECK (status IN ('active', 'revoked', 'rebinding'));

CREATE TABLE proof_nonces (
    jti         text PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX proof_nonces_expiry ON proof_nonces (expires_at);

ALTER TABLE command_results
    ADD COLUMN proof text,
    ADD COLUMN signed_body bytea;
