package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the bucket table small: minute buckets older than {@code roll-up-after} are deleted (the hour and day
 * buckets written with them keep their counts), hour and day buckets older than {@code retention} too. Runs at
 * most once an hour across all instances (a lease on the {@code slo_jobs} row).
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final String JOB = "housekeeping";
    private static final Duration EVERY = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final SloProperties properties;

    Housekeeping(JdbcClient jdbc, SloProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Runs when due and not held by another instance; returns whether it ran. */
    public boolean runIfDue(Instant now) {
        boolean claimed = jdbc.sql("""
                UPDATE slo_jobs SET lease_until = ?
                WHERE name = ? AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?)""")
                        .params(JdbcTime.toDb(now.plus(LEASE)), JOB, JdbcTime.toDb(now), JdbcTime.toDb(now))
                        .update()
                == 1;
        if (!claimed) {
            return false;
        }
        try {
            run(now);
        } finally {
            jdbc.sql("UPDATE slo_jobs SET lease_until = NULL, next_run_at = ? WHERE name = ?")
                    .params(JdbcTime.toDb(now.plus(EVERY)), JOB)
                    .update();
        }
        return true;
    }

    /**
     * Deletes minute buckets older than {@code roll-up-after} (their hours and days already hold their counts)
     * and hour and day buckets older than {@code retention}; returns the rows deleted. Each is one statement, so
     * running it again, or in two places at once, deletes nothing twice.
     */
    public int run(Instant now) {
        Instant cutoff = now.minus(properties.rollUpAfter()).truncatedTo(ChronoUnit.HOURS);
        int minutes = jdbc.sql("DELETE FROM slo_buckets WHERE resolution_seconds = ? AND bucket_start < ?")
                .params(BucketStore.MINUTE, JdbcTime.toDb(cutoff))
                .update();
        int expired = jdbc.sql("DELETE FROM slo_buckets WHERE resolution_seconds IN (?, ?) AND bucket_start < ?")
                .params(BucketStore.HOUR, BucketStore.DAY, JdbcTime.toDb(now.minus(properties.retention())))
                .update();
        if (minutes > 0 || expired > 0) {
            log.info(
                    "SLO housekeeping: deleted {} minute buckets before {} and {} expired hour and day buckets",
                    minutes,
                    cutoff,
                    expired);
        }
        return minutes + expired;
    }
}
