-- SPDX-License-Identifier: Apache-2.0
-- Releases of the agent's core per platform, their bytes in artifact_blobs beside the bundles'; signed into the update
-- repository's targets as cores/PLATFORM/VERSION/redflag-agent.jar. Agents say their platform and their core updates
-- (the bootstrap's history) at check-in.
CREATE TABLE core_releases (
    platform      text NOT NULL CHECK (platform ~ '^[a-z0-9]{1,20}-[a-z0-9_]{1,20}$'),
    version       text NOT NULL,
    sha256        text NOT NULL REFERENCES artifact_blobs (sha256),
    length        bigint NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  text NOT NULL,
    retired_at    timestamptz,
    retired_by    text,
    PRIMARY KEY (platform, version)
);

ALTER TABLE agents
    ADD COLUMN platform text,
    ADD COLUMN core_updates jsonb;
