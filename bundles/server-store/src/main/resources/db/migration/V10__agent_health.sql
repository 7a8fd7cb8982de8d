-- SPDX-License-Identifier: Apache-2.0
-- What an agent says about itself beyond its scanners: the actions its local policy accepts (null: an agent too old to
-- say, which accepts everything), its scanners' circuit breakers, the host's last figures; and until when an operator
-- asked it to poll often (heartbeat mode).
ALTER TABLE agents
    ADD COLUMN accepts jsonb,
    ADD COLUMN breakers jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN host_metrics jsonb,
    ADD COLUMN heartbeat_until timestamptz;
