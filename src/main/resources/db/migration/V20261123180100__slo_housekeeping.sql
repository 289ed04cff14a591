-- Periodic SLO data housekeeping (roll-up of minute buckets into hours, retention), run by one instance at a
-- time: whoever moves lease_until forward with a conditional UPDATE holds the job.
CREATE TABLE slo_jobs (
    name        VARCHAR(40) PRIMARY KEY,
    next_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO slo_jobs (name, next_run_at) VALUES ('housekeeping', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
