-- Notify: how people are reached. Contact methods and notification rules per user, pages (one per incident,
-- escalation step and person), and the delivery outbox (one row per page and contact method, or per notice).

CREATE TABLE notify_contact_methods (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL,
    type        VARCHAR(16) NOT NULL,
    address     VARCHAR(2048) NOT NULL,
    label       VARCHAR(100),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notify_contact_methods_user ON notify_contact_methods (user_id);

CREATE TABLE notify_rules (
    id                 UUID PRIMARY KEY,
    user_id            UUID NOT NULL,
    contact_method_id  UUID NOT NULL REFERENCES notify_contact_methods (id) ON DELETE CASCADE,
    delay_minutes      INT NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notify_rules_method_delay UNIQUE (contact_method_id, delay_minutes)
);
CREATE INDEX notify_rules_user ON notify_rules (user_id);

CREATE TABLE notify_pages (
    id            UUID PRIMARY KEY,
    incident_id   UUID NOT NULL,
    user_id       UUID NOT NULL,
    step_key      VARCHAR(200) NOT NULL,
    reason        VARCHAR(16) NOT NULL,
    level         INT NOT NULL,
    role          VARCHAR(100),
    paged_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    link_used_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notify_pages_step_user UNIQUE (incident_id, step_key, user_id)
);

-- page_id is NULL for informational notices (shift hand-offs), which are unique per (notice_key, user, method).
CREATE TABLE notify_deliveries (
    id                 UUID PRIMARY KEY,
    page_id            UUID REFERENCES notify_pages (id),
    incident_id        UUID,
    notice_key         VARCHAR(300),
    user_id            UUID NOT NULL,
    contact_method_id  UUID NOT NULL,
    channel            VARCHAR(16) NOT NULL,
    address            VARCHAR(2048) NOT NULL,
    delay_minutes      INT NOT NULL,
    subject            VARCHAR(500),
    body               VARCHAR(4000),
    status             VARCHAR(16) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    handed_at          TIMESTAMP WITH TIME ZONE,
    attempts           INT NOT NULL,
    next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    claim_token        VARCHAR(36),
    claimed_until      TIMESTAMP WITH TIME ZONE,
    last_error         VARCHAR(1000),
    sent_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notify_deliveries_page_method UNIQUE (page_id, contact_method_id),
    CONSTRAINT notify_deliveries_notice_method UNIQUE (notice_key, user_id, contact_method_id)
);
CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_attempt_at);
CREATE INDEX notify_deliveries_incident ON notify_deliveries (incident_id);
CREATE INDEX notify_deliveries_claim ON notify_deliveries (claim_token);

-- The key acknowledge links are signed with when klaxon.notify.link-secret is not set: generated once by the
-- first instance (primary key makes the insert race-safe) and shared by all.
CREATE TABLE notify_link_keys (
    name        VARCHAR(32) PRIMARY KEY,
    secret      VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
