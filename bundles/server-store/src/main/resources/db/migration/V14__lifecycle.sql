-- SPDX-License-Identifier: Apache-2.0
-- The update lifecycle: who asked for each command and in which bulk job, decisions on dry-run plans, bulk jobs
-- with their agents, and the history of every update on every agent (dry run, plan, decision, install, outcome).

ALTER TABLE commands ADD COLUMN requested_by text, ADD COLUMN job_id uuid;

CREATE TABLE jobs (
    id          uuid PRIMARY KEY,
    action      text NOT NULL,
    ecosystem   text,
    packages    text[] NOT NULL DEFAULT '{}',
    source_job  uuid REFERENCES jobs(id) ON DELETE SET NULL,
    comment     text,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_newest ON jobs (created_at DESC, id DESC);

CREATE INDEX commands_job ON commands (job_id) WHERE job_id IS NOT NULL;

CREATE TABLE approvals (
    id          uuid PRIMARY KEY,
    -- one decision per dry run: a changed mind is a new dry run
    dry_run_id  uuid NOT NULL UNIQUE REFERENCES commands(id) ON DELETE CASCADE,
    agent_id    uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    decision    text NOT NULL CHECK (decision IN ('approved', 'rejected')),
    plan_hash   text NOT NULL,
    decided_by  text NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now(),
    comment     text,
    job_id      uuid REFERENCES jobs(id) ON DELETE SET NULL
);
CREATE INDEX approvals_agent ON approvals (agent_id, decided_at DESC);

CREATE TABLE job_agents (
    job_id       uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    agent_id     uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    command_id   uuid REFERENCES commands(id) ON DELETE SET NULL,
    approval_id  uuid REFERENCES approvals(id) ON DELETE SET NULL,
    packages     text[] NOT NULL DEFAULT '{}',
    -- why nothing was asked of this agent; null when something was
    skipped      text,
    PRIMARY KEY (job_id, agent_id)
);

CREATE TABLE update_events (
    id            bigserial PRIMARY KEY,
    agent_id      uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    ecosystem     text NOT NULL,
    package_id    text NOT NULL,
    state         text NOT NULL,
    at            timestamptz NOT NULL DEFAULT now(),
    actor         text NOT NULL,
    command_id    uuid,
    plan_hash     text,
    from_version  text,
    to_version    text,
    detail        text,
    job_id        uuid
);
CREATE INDEX update_events_package ON update_events (agent_id, ecosystem, package_id, id DESC);
CREATE INDEX update_events_command ON update_events (command_id) WHERE command_id IS NOT NULL;
