-- H2 only (db/vendor/h2, chosen by spring.flyway.locations' {vendor}).
-- H2 persists an identity column's sequence every CACHE values (32 by default), and each time it does, it writes
-- the whole store once more: on the intake writer's path that was a fifth of its time (five timeline lines and one
-- priority change per new incident). H2's cache is one per database, so ids stay in insertion order across
-- sessions; a crash only leaves a gap. (PostgreSQL caches per connection, which would break that order: not there.)
-- Incident numbers keep the default: people read them, and a crash would leave a visible gap.
ALTER TABLE incidents_timeline ALTER COLUMN id SET CACHE 1000;
ALTER TABLE incidents_classification_changes ALTER COLUMN id SET CACHE 1000;
ALTER TABLE classification_firings ALTER COLUMN id SET CACHE 1000;
