-- SPDX-License-Identifier: Apache-2.0
-- Readings of hosts (disk, memory, load…) in a shape of their own: a value with its unit or a text, and how worrying.
-- They were kept as update records; those rows go (the next scan, at most 15 minutes away, brings them back).

CREATE TABLE agent_readings (
    agent_id     uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    ecosystem    text NOT NULL,
    reading_id   text NOT NULL,
    name         text NOT NULL,
    value        double precision,
    unit         text,
    text_value   text,
    severity     text NOT NULL DEFAULT 'UNKNOWN',
    detail       text,
    source       text,
    observed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, ecosystem, reading_id)
);

DELETE FROM pending_updates WHERE kind = 'METRICS';
