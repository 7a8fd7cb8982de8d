-- SPDX-License-Identifier: Apache-2.0
-- What an agent said at its last check-in about scanner plug-ins it has but cannot use (failed to activate,
-- missing descriptor…), so operators see why a subsystem is unavailable.
ALTER TABLE agents ADD COLUMN failed_scanners jsonb NOT NULL DEFAULT '[]'::jsonb;
