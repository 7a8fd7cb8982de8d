-- SPDX-License-Identifier: Apache-2.0
-- What each agent runs: the bundles it reported at its last check-in (rewritten only when their digest changes, so
-- the usual check-in stays one small UPDATE), and the desired-state hash it last brought in.
ALTER TABLE agents
    ADD COLUMN bundles jsonb,
    ADD COLUMN bundles_sha text,
    ADD COLUMN applied_desired_state text;
