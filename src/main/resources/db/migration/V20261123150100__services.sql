-- Services and their integrations (module: services).
CREATE TABLE services_services (
    id           UUID PRIMARY KEY,
    team_id      UUID         NOT NULL,
    name         VARCHAR(100) NOT NULL,
    description  VARCHAR(2000),
    auto_resolve BOOLEAN      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT services_services_name_uq UNIQUE (team_id, name)
);
CREATE INDEX services_services_team_idx ON services_services (team_id);

-- Routing keys are shown once; only their SHA-256 is kept, with a short prefix to recognise them.
CREATE TABLE services_integrations (
    id                    UUID PRIMARY KEY,
    service_id            UUID         NOT NULL REFERENCES services_services (id),
    type                  VARCHAR(20)  NOT NULL,
    name                  VARCHAR(100) NOT NULL,
    key_hash              CHAR(64)     NOT NULL,
    key_prefix            VARCHAR(8)   NOT NULL,
    enabled               BOOLEAN      NOT NULL,
    rate_limit_per_minute INTEGER,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT services_integrations_key_uq UNIQUE (key_hash)
);
CREATE INDEX services_integrations_service_idx ON services_integrations (service_id);
