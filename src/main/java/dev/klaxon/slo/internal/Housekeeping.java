package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a 30-day window cheap to read: minute buckets older than {@code roll-up-after} become one hour bucket
 * per SLO and hour (sources summed), hour buckets older than {@code retention} are deleted. Runs at most once
 * an hour across all instances (a lease on the {@code slo_jobs} row); each SLO's roll-up is one transaction,
 * so a crash never counts a minute twice or loses it.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final String JOB = "housekeeping";
    private static final Duration EVERY = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SloProperties properties;

    Housekeeping(JdbcClient jdbc, TransactionTemplate tx, SloProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
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

    /** Rolls up and deletes what is old enough at {@code now}; returns the SLOs rolled up. */
    public int run(Instant now) {
        Instant cutoff = now.minus(properties.rollUpAfter()).truncatedTo(ChronoUnit.HOURS);
        List<UUID> slos = jdbc.sql(
                        "SELECT DISTINCT slo_id FROM slo_buckets WHERE resolution_seconds = ? AND bucket_start < ?")
                .params(BucketStore.MINUTE, JdbcTime.toDb(cutoff))
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
        for (UUID slo : slos) {
            tx.executeWithoutResult(s -> rollUp(slo, cutoff));
        }
        int deleted = jdbc.sql("DELETE FROM slo_buckets WHERE resolution_seconds = ? AND bucket_start < ?")
                .params(BucketStore.HOUR, JdbcTime.toDb(now.minus(properties.retention())))
                .update();
        if (!slos.isEmpty() || deleted > 0) {
            log.info(
                    "SLO housekeeping: rolled up {} SLOs before {}, deleted {} expired hour buckets",
                    slos.size(),
                    cutoff,
                    deleted);
        }
        return slos.size();
    }

    private void rollUp(UUID slo, Instant cutoff) {
        Map<Instant, long[]> hours = new TreeMap<>();
        jdbc.sql("""
                SELECT bucket_start, good, total FROM slo_buckets
                WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start < ?""").params(slo, BucketStore.MINUTE, JdbcTime.toDb(cutoff)).query(rs -> {
            var sums = hours.computeIfAbsent(
                    JdbcTime.fromDb(rs, "bucket_start").truncatedTo(ChronoUnit.HOURS), h -> new long[2]);
            sums[0] += rs.getLong("good");
            sums[1] += rs.getLong("total");
        });
        for (var hour : hours.entrySet()) {
            int updated = jdbc.sql("""
                    UPDATE slo_buckets SET good = good + ?, total = total + ?
                    WHERE slo_id = ? AND bucket_start = ? AND resolution_seconds = ? AND source = ?""")
                    .params(
                            hour.getValue()[0],
                            hour.getValue()[1],
                            slo,
                            JdbcTime.toDb(hour.getKey()),
                            BucketStore.HOUR,
                            BucketStore.ALL_SOURCES)
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(
                                slo,
                                BucketStore.HOUR,
                                JdbcTime.toDb(hour.getKey()),
                                BucketStore.ALL_SOURCES,
                                hour.getValue()[0],
                                hour.getValue()[1])
                        .update();
            }
        }
        jdbc.sql("DELETE FROM slo_buckets WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start < ?")
                .params(slo, BucketStore.MINUTE, JdbcTime.toDb(cutoff))
                .update();
    }
}
