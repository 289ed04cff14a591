-- Users, teams and API tokens (module: identity). Portable across H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE identity_users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    email         VARCHAR(320),
    password_hash VARCHAR(200),
    admin         BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_users_username_uq UNIQUE (username)
);

CREATE TABLE identity_teams (
    id          UUID PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(2000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_teams_name_uq UNIQUE (name)
);

CREATE TABLE identity_team_members (
    team_id UUID NOT NULL REFERENCES identity_teams (id),
    user_id UUID NOT NULL REFERENCES identity_users (id),
    PRIMARY KEY (team_id, user_id)
);

-- Tokens are shown once; only their SHA-256 is kept.
CREATE TABLE identity_api_tokens (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES identity_users (id),
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    token_prefix VARCHAR(12)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT identity_api_tokens_hash_uq UNIQUE (token_hash)
);
CREATE INDEX identity_api_tokens_user_idx ON identity_api_tokens (user_id);
