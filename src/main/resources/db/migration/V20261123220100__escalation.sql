-- Escalation policies and running escalations (module: escalation).
CREATE TABLE escalation_policies (
    id                         UUID PRIMARY KEY,
    name                       VARCHAR(100) NOT NULL,
    description                VARCHAR(2000),
    repeat_count               INT          NOT NULL,
    renotify_after_ack_seconds INT,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT escalation_policies_name_uq UNIQUE (name)
);

CREATE TABLE escalation_levels (
    policy_id       UUID NOT NULL REFERENCES escalation_policies (id),
    position        INT  NOT NULL,
    timeout_seconds INT  NOT NULL,
    PRIMARY KEY (policy_id, position)
);

-- type USER / ROTATION use target_id; ROLE uses role and team_id (NULL = the incident's own team).
CREATE TABLE escalation_targets (
    policy_id      UUID        NOT NULL,
    level_position INT         NOT NULL,
    position       INT         NOT NULL,
    type           VARCHAR(20) NOT NULL,
    target_id      UUID,
    team_id        UUID,
    role           VARCHAR(100),
    PRIMARY KEY (policy_id, level_position, position),
    FOREIGN KEY (policy_id, level_position) REFERENCES escalation_levels (policy_id, position)
);

-- The overview seed's policy: 5 min primary; 10 min secondary + team lead; 15 min director, each the person
-- on call for that role in the incident's team.
INSERT INTO escalation_policies (id, name, description, repeat_count, renotify_after_ack_seconds, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-0000000e5ca1', 'Default',
        'Used by every service that names no policy: primary on call, then secondary and team lead, then the director.',
        0, NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO escalation_levels (policy_id, position, timeout_seconds) VALUES
    ('00000000-0000-0000-0000-0000000e5ca1', 1, 300),
    ('00000000-0000-0000-0000-0000000e5ca1', 2, 600),
    ('00000000-0000-0000-0000-0000000e5ca1', 3, 900);
INSERT INTO escalation_targets (policy_id, level_position, position, type, target_id, team_id, role) VALUES
    ('00000000-0000-0000-0000-0000000e5ca1', 1, 1, 'ROLE', NULL, NULL, 'Primary on-call'),
    ('00000000-0000-0000-0000-0000000e5ca1', 2, 1, 'ROLE', NULL, NULL, 'Secondary on-call'),
    ('00000000-0000-0000-0000-0000000e5ca1', 2, 2, 'ROLE', NULL, NULL, 'Team lead'),
    ('00000000-0000-0000-0000-0000000e5ca1', 3, 1, 'ROLE', NULL, NULL, 'Director');

-- One row per incident under escalation. level/cycle: the last step that ran (0/0 before the first).
-- pending_step: the one timer (step_key) allowed to act next; others that come due are stale.
CREATE TABLE escalation_runs (
    incident_id          UUID PRIMARY KEY,
    incident_number      BIGINT      NOT NULL,
    team_id              UUID        NOT NULL,
    policy_id            UUID        NOT NULL,
    status               VARCHAR(20) NOT NULL,
    level                INT         NOT NULL,
    cycle                INT         NOT NULL,
    renotify_count       INT         NOT NULL,
    pending_step         VARCHAR(40),
    acknowledged_by_id   UUID,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Durable timers: one row per step, claimed in batches with FOR UPDATE SKIP LOCKED and marked done in the
-- transaction that pages, so a step runs exactly once across instances and restarts.
-- step_key: 'L<level>.C<cycle>' for escalation steps, 'R<n>' for re-notifications.
CREATE TABLE escalation_timers (
    id          UUID PRIMARY KEY,
    incident_id UUID        NOT NULL,
    step_key    VARCHAR(40) NOT NULL,
    kind        VARCHAR(10) NOT NULL,
    level       INT         NOT NULL,
    cycle       INT         NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at     TIMESTAMP WITH TIME ZONE,
    outcome     VARCHAR(20),
    CONSTRAINT escalation_timers_step_uq UNIQUE (incident_id, step_key)
);
CREATE INDEX escalation_timers_due_idx ON escalation_timers (done_at, due_at);
