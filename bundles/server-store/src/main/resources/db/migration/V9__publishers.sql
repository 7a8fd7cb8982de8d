-- SPDX-License-Identifier: Apache-2.0
-- Plug-in publishers: delegated roles of the update repository. The repository's top-level targets delegate each
-- publisher's namespaces to its keys; the publisher's own signed targets (uploaded as it signed them) are kept with
-- the other metadata, under the publisher's name as the role.
ALTER TABLE tuf_metadata DROP CONSTRAINT tuf_metadata_role_check;
ALTER TABLE tuf_metadata ADD CONSTRAINT tuf_metadata_role_check CHECK (role ~ '^[a-z0-9][a-z0-9-]{0,39}$');

CREATE TABLE tuf_publishers (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,39}$'
                                        AND name NOT IN ('root', 'targets', 'snapshot', 'timestamp')),
    keys        jsonb NOT NULL,
    threshold   integer NOT NULL CHECK (threshold >= 1),
    namespaces  jsonb NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
