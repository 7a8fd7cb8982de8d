-- SPDX-License-Identifier: Apache-2.0
-- Each subsystem row and each inventory record says what it is (UPDATES: installable updates, METRICS:
-- readings of the host, or a kind a newer agent sent), fixed when it is stored: whether a scanner bundle
-- happens to be deployed when someone reads the inventory no longer decides it. Rows written before this
-- migration came from the only metrics plug-ins there were: storage and system.
ALTER TABLE agent_subsystems ADD COLUMN kind text NOT NULL DEFAULT 'UPDATES';
ALTER TABLE pending_updates ADD COLUMN kind text NOT NULL DEFAULT 'UPDATES';
UPDATE agent_subsystems SET kind = 'METRICS' WHERE ecosystem IN ('storage', 'system');
UPDATE pending_updates SET kind = 'METRICS' WHERE ecosystem IN ('storage', 'system');

-- A result status a newer agent sends and this server does not know still ends the command: 'unknown'.
ALTER TABLE commands DROP CONSTRAINT commands_status_check;
ALTER TABLE commands ADD CONSTRAINT commands_status_check
    CHECK (status IN ('pending', 'delivered', 'completed', 'failed', 'refused', 'unknown'));
