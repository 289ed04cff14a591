-- SLO engine (module: slo). Portable across H2 (PostgreSQL mode) and PostgreSQL.

-- SLO definitions. The priority is kept by the classification module (classification_slo_priorities) as a
-- history keyed by the SLO id; alerting settings and stakeholder groups are JSON kept as text.
CREATE TABLE slo_slos (
    id                 UUID PRIMARY KEY,
    service_id         UUID          NOT NULL,
    name               VARCHAR(200)  NOT NULL,
    description        VARCHAR(4000),
    sli_kind           VARCHAR(40)   NOT NULL,
    sli_ratio          VARCHAR(10)   NOT NULL,
    objective          DOUBLE PRECISION NOT NULL,
    window_spec        VARCHAR(20)   NOT NULL,
    stakeholder_groups VARCHAR(20000) NOT NULL,
    alerting           VARCHAR(20000) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT slo_slos_name_uq UNIQUE (service_id, name)
);

-- Event counts in time buckets. resolution_seconds is 60 (minute buckets, per source: a second push for the
-- same minute and source replaces the first) or 3600 (hour buckets rolled up from minutes, source '*').
CREATE TABLE slo_buckets (
    slo_id             UUID          NOT NULL,
    resolution_seconds INTEGER       NOT NULL,
    bucket_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    source             VARCHAR(100)  NOT NULL,
    good               BIGINT        NOT NULL,
    total              BIGINT        NOT NULL,
    CONSTRAINT slo_buckets_pk PRIMARY KEY (slo_id, bucket_start, resolution_seconds, source)
);

-- One row per SLO: when it is due, and which instance holds the evaluation lease (claimed by a conditional
-- UPDATE, so each SLO is evaluated once per cycle however many instances run).
CREATE TABLE slo_schedule (
    slo_id             UUID PRIMARY KEY,
    next_evaluation_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until        TIMESTAMP WITH TIME ZONE,
    lease_owner        VARCHAR(100),
    last_evaluated_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX slo_schedule_due_idx ON slo_schedule (next_evaluation_at);

-- Per SLO and alerting condition: whether it is breaching now, the open breach, and when it last alerted
-- (the snooze counts from there).
CREATE TABLE slo_condition_states (
    slo_id          UUID         NOT NULL,
    condition_name  VARCHAR(40)  NOT NULL,
    firing          BOOLEAN      NOT NULL,
    breach_id       UUID,
    last_alerted_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT slo_condition_states_pk PRIMARY KEY (slo_id, condition_name)
);

-- Every breach (a condition becoming true), with the priority decision made for it and the incident its
-- signal opened or attached to (NULL while the snooze suppressed the alert).
CREATE TABLE slo_breaches (
    id                     UUID PRIMARY KEY,
    slo_id                 UUID          NOT NULL,
    condition_name         VARCHAR(40)   NOT NULL,
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at               TIMESTAMP WITH TIME ZONE,
    priority               VARCHAR(40),
    priority_reason        VARCHAR(1000),
    classification_version INTEGER,
    incident_id            UUID,
    budget_remaining       DOUBLE PRECISION NOT NULL,
    burn_rate              DOUBLE PRECISION,
    summary                VARCHAR(1024) NOT NULL
);
CREATE INDEX slo_breaches_slo_idx ON slo_breaches (slo_id, started_at);
CREATE INDEX slo_breaches_incident_idx ON slo_breaches (incident_id);
