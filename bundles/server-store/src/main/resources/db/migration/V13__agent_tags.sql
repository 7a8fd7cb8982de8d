-- SPDX-License-Identifier: Apache-2.0
-- Tags operators give agents (web, prod, berlin…), to find and select them.
ALTER TABLE agents ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX agents_by_tag ON agents USING gin (tags);
