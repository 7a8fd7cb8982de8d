-- SPDX-License-Identifier: Apache-2.0
-- What kind of change each pending update is, where its source says: SECURITY, BUGFIX, ENHANCEMENT (UNKNOWN otherwise).
ALTER TABLE pending_updates ADD COLUMN classification text NOT NULL DEFAULT 'UNKNOWN';
