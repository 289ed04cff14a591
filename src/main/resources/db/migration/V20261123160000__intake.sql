-- Alerts and change events received through the intake endpoints (module: intake).
-- Portable across H2 (PostgreSQL mode) and PostgreSQL: no partial indexes, JSON kept as text.
CREATE TABLE intake_alerts (
    id              UUID PRIMARY KEY,
    service_id      UUID          NOT NULL,
    integration_id  UUID          NOT NULL,
    dedup_key       VARCHAR(255)  NOT NULL,
    -- = dedup_key while the alert is open, NULL once resolved. NULLs never conflict in a unique
    -- constraint (in both databases), so the constraint below means "one open alert per service and key".
    open_key        VARCHAR(255),
    status          VARCHAR(20)   NOT NULL,
    incident_id     UUID,
    summary         VARCHAR(1024) NOT NULL,
    source          VARCHAR(1024),
    severity        VARCHAR(20)   NOT NULL,
    component       VARCHAR(1024),
    grp             VARCHAR(1024),
    event_class     VARCHAR(1024),
    custom_details  VARCHAR(1048576),
    links           VARCHAR(1048576),
    images          VARCHAR(1048576),
    labels          VARCHAR(1048576),
    sender_timestamp TIMESTAMP WITH TIME ZONE,
    event_count     INTEGER       NOT NULL,
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT intake_alerts_open_key_uq UNIQUE (service_id, open_key)
);
CREATE INDEX intake_alerts_incident_idx ON intake_alerts (incident_id);

CREATE TABLE intake_change_events (
    id             UUID PRIMARY KEY,
    service_id     UUID          NOT NULL,
    integration_id UUID          NOT NULL,
    summary        VARCHAR(1024) NOT NULL,
    source         VARCHAR(1024),
    event_time     TIMESTAMP WITH TIME ZONE,
    custom_details VARCHAR(1048576),
    links          VARCHAR(1048576),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX intake_change_events_service_idx ON intake_change_events (service_id, received_at);
