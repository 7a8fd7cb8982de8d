-- SPDX-License-Identifier: Apache-2.0
-- The first schema: identity (operators, registration tokens, agents, refresh tokens), commands and
-- their results, per-agent subsystems, the inventory of pending updates, and a hash-chained audit log.

CREATE TABLE server_secrets (
    name        text PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_tokens (
    id            uuid PRIMARY KEY,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    token_hash    bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

CREATE TABLE registration_tokens (
    id          uuid PRIMARY KEY,
    token_hash  bytea NOT NULL UNIQUE,
    note        text,
    seats       integer NOT NULL CHECK (seats > 0),
    used        integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (used <= seats)
);

CREATE TABLE agents (
    id                    uuid PRIMARY KEY,
    machine_id            text NOT NULL UNIQUE,
    hostname              text NOT NULL,
    os_family             text NOT NULL,
    os_version            text,
    architecture          text,
    agent_version         text NOT NULL,
    registration_token_id uuid REFERENCES registration_tokens(id),
    registered_at         timestamptz NOT NULL DEFAULT now(),
    last_seen_at          timestamptz,
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked'))
);

CREATE TABLE refresh_tokens (
    id           uuid PRIMARY KEY,
    agent_id     uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    family       uuid NOT NULL,
    token_hash   bytea NOT NULL UNIQUE,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    consumed_at  timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

CREATE TABLE agent_subsystems (
    agent_id          uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    ecosystem         text NOT NULL,
    enabled           boolean NOT NULL DEFAULT true,
    interval_seconds  integer NOT NULL CHECK (interval_seconds >= 60),
    config            jsonb NOT NULL DEFAULT '{}'::jsonb,
    next_run_at       timestamptz NOT NULL DEFAULT now(),
    last_run_at       timestamptz,
    last_status       text,
    last_message      text,
    PRIMARY KEY (agent_id, ecosystem)
);
CREATE INDEX agent_subsystems_due ON agent_subsystems (next_run_at) WHERE enabled;

CREATE TABLE commands (
    id            uuid PRIMARY KEY,
    agent_id      uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    type          text NOT NULL,
    ecosystem     text,
    params        text NOT NULL,
    issued_at     text NOT NULL,
    key_id        text NOT NULL,
    signature     text NOT NULL,
    status        text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'delivered', 'completed', 'failed', 'refused')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz,
    deliveries    integer NOT NULL DEFAULT 0,
    completed_at  timestamptz
);
-- one open command per agent, type and subsystem: a slow agent never piles up scans
CREATE UNIQUE INDEX commands_one_open ON commands (agent_id, type, coalesce(ecosystem, ''))
    WHERE status IN ('pending', 'delivered');
CREATE INDEX commands_open_by_agent ON commands (agent_id) WHERE status IN ('pending', 'delivered');

CREATE TABLE command_results (
    command_id   uuid PRIMARY KEY REFERENCES commands(id) ON DELETE CASCADE,
    agent_id     uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    status       text NOT NULL,
    body         jsonb NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pending_updates (
    agent_id           uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    ecosystem          text NOT NULL,
    package_id         text NOT NULL,
    name               text NOT NULL,
    installed_version  text,
    available_version  text,
    source             text,
    architecture       text,
    severity           text NOT NULL DEFAULT 'UNKNOWN',
    security           boolean NOT NULL DEFAULT false,
    advisories         text[] NOT NULL DEFAULT '{}',
    cves               text[] NOT NULL DEFAULT '{}',
    download_size      bigint,
    reboot_required    boolean NOT NULL DEFAULT false,
    first_seen_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, ecosystem, package_id)
);

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    action     text NOT NULL,
    security   boolean NOT NULL DEFAULT false,
    detail     text NOT NULL,
    prev_hash  text NOT NULL,
    hash       text NOT NULL
);
