-- SPDX-License-Identifier: Apache-2.0
-- Operators hold a plug-in at a version: for every agent (agent_id null) or for one agent (which wins over every
-- agent). Without a pin an agent gets the newest version offered. A pin never moves an agent back: agents do not
-- downgrade.
CREATE TABLE bundle_pins (
    symbolic_name  text NOT NULL,
    agent_id       uuid REFERENCES agents (id) ON DELETE CASCADE,
    version        text NOT NULL,
    pinned_by      text NOT NULL,
    pinned_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bundle_pins_scope ON bundle_pins (symbolic_name, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX bundle_pins_agent ON bundle_pins (agent_id) WHERE agent_id IS NOT NULL;
