-- SPDX-License-Identifier: Apache-2.0
-- The artifact repository: bundles operators publish, one row per symbolic name and version, their bytes named by
-- SHA-256. The bytes are kept here too, so every server node over this database can serve them (each node caches
-- them in its data folder, checked against the hash); a version is published once and never changes.
CREATE TABLE artifact_blobs (
    sha256   text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    length   bigint NOT NULL CHECK (length > 0),
    content  bytea NOT NULL
);

CREATE TABLE artifacts (
    symbolic_name  text NOT NULL,
    version        text NOT NULL,
    sha256         text NOT NULL REFERENCES artifact_blobs (sha256),
    length         bigint NOT NULL,
    name           text,
    description    text,
    subsystems     jsonb NOT NULL DEFAULT '[]'::jsonb,
    published_at   timestamptz NOT NULL DEFAULT now(),
    published_by   text NOT NULL,
    retired_at     timestamptz,
    retired_by     text,
    PRIMARY KEY (symbolic_name, version)
);
CREATE INDEX artifacts_by_hash ON artifacts (sha256);
