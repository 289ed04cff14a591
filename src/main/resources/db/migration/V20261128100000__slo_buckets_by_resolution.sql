-- SLO buckets in three resolutions (module: slo). Portable across H2 (PostgreSQL mode) and PostgreSQL.
--
-- resolution_seconds is now 60 (minute buckets, per source), 3600 (hour) or 86400 (day; both source '*', the
-- sum of all sources). Hour and day buckets are written together with every minute, so they always hold all
-- events of their span; housekeeping only deletes old minutes. The key leads with the resolution after the
-- SLO, so that reading one resolution's span of one SLO (what an evaluation does) is one index range.
-- V20261128100100 (a Java migration, dev.klaxon.slo.internal.BucketHierarchyMigration) fills the hours and
-- days of the data already stored.
ALTER TABLE slo_buckets DROP CONSTRAINT slo_buckets_pk;
ALTER TABLE slo_buckets ADD CONSTRAINT slo_buckets_pk PRIMARY KEY (slo_id, resolution_seconds, bucket_start, source);
