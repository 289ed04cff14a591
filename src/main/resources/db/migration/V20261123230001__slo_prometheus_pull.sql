-- Pulling SLI counts from Prometheus (module: slo). Portable across H2 (PostgreSQL mode) and PostgreSQL.

-- PromQL for an SLO's events: exactly one of good_query / bad_query plus total_query, or none (push only).
ALTER TABLE slo_slos ADD COLUMN good_query VARCHAR(2000);
ALTER TABLE slo_slos ADD COLUMN bad_query VARCHAR(2000);
ALTER TABLE slo_slos ADD COLUMN total_query VARCHAR(2000);

-- Per SLO with queries: up to where counts have been pulled (the next pull starts there, so nothing is counted
-- twice or skipped), and the outcome of the last attempt. Written only by the instance holding the SLO's
-- evaluation lease (slo_schedule).
CREATE TABLE slo_pull_state (
    slo_id               UUID PRIMARY KEY,
    pulled_until         TIMESTAMP WITH TIME ZONE,
    last_attempt_at      TIMESTAMP WITH TIME ZONE,
    last_success_at      TIMESTAMP WITH TIME ZONE,
    last_error           VARCHAR(1000),
    last_error_at        TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER NOT NULL
);
