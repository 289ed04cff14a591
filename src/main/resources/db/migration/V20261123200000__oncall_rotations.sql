-- On-call rotations. The schedule (participants, shift length, hand-off time, start, restrictions and layers)
-- is one JSON document validated by the application; team and role are columns because they are queried.
CREATE TABLE oncall_rotations (
    id          UUID PRIMARY KEY,
    team_id     UUID NOT NULL,
    name        VARCHAR(100) NOT NULL,
    role        VARCHAR(100) NOT NULL,
    role_key    VARCHAR(100) NOT NULL,
    time_zone   VARCHAR(64) NOT NULL,
    schedule    VARCHAR(100000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT oncall_rotations_team_name UNIQUE (team_id, name)
);
CREATE INDEX oncall_rotations_team_role ON oncall_rotations (team_id, role_key);

-- Overrides and swaps (a swap is two overrides sharing a swap_id). Cancelled rows are kept.
CREATE TABLE oncall_overrides (
    id                UUID PRIMARY KEY,
    rotation_id       UUID NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
    user_id           UUID NOT NULL,
    replaces_user_id  UUID,
    starts_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    swap_id           UUID,
    created_by_id     UUID,
    created_by_name   VARCHAR(200) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_by_id   UUID,
    cancelled_by_name VARCHAR(200),
    cancelled_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oncall_overrides_rotation ON oncall_overrides (rotation_id, ends_at);

-- One row per rotation: the next moment the person on call changes that has not been announced yet.
CREATE TABLE oncall_handoffs (
    rotation_id        UUID PRIMARY KEY REFERENCES oncall_rotations (id) ON DELETE CASCADE,
    next_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_announced_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oncall_handoffs_next ON oncall_handoffs (next_at);

-- Secret calendar feed URLs, per user or per rotation; only a SHA-256 of the token is stored.
CREATE TABLE oncall_calendar_feeds (
    id                UUID PRIMARY KEY,
    kind              VARCHAR(16) NOT NULL,
    subject_id        UUID NOT NULL,
    token_hash        VARCHAR(64) NOT NULL,
    token_prefix      VARCHAR(8) NOT NULL,
    created_by_id     UUID,
    created_by_name   VARCHAR(200) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by_name   VARCHAR(200),
    revoked_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT oncall_calendar_feeds_token UNIQUE (token_hash)
);
CREATE INDEX oncall_calendar_feeds_subject ON oncall_calendar_feeds (kind, subject_id);
