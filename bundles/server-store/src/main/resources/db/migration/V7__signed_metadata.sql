-- SPDX-License-Identifier: Apache-2.0
-- The artifact repository's signed metadata (The Update Framework): every version of each role's file exactly as
-- served, so all server nodes serve the same bytes; root versions are kept for good (agents offline through several
-- rotations walk them); of the other roles the newest 20 versions are kept.
CREATE TABLE tuf_metadata (
    role        text NOT NULL CHECK (role IN ('root', 'targets', 'snapshot', 'timestamp')),
    version     bigint NOT NULL CHECK (version > 0),
    content     bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    digest      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (role, version)
);
