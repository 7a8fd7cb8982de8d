-- SPDX-License-Identifier: Apache-2.0
-- What an agent last reported at check-in (its scanners' failures, set-aside results, bundles, policy, breakers, host
-- figures, platform, core history), as one digest: a check-in that reports the same again writes nothing but the time
-- it was seen, and that is written behind, for many agents at once.
ALTER TABLE agents ADD COLUMN report_sha text;
