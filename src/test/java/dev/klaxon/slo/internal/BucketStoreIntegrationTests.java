package dev.klaxon.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.slo.internal.BucketStore.Counts;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hour and day buckets stay the sums of their minutes, however writers replace minutes concurrently. */
@KlaxonIntegrationTest
class BucketStoreIntegrationTests {

    @Autowired
    BucketStore buckets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void concurrentReplacementsOfTheSameMinutesKeepHoursAndDaysExact() throws Exception {
        UUID slo = UUID.randomUUID();
        // 90 minutes across an hour boundary and, at 23:15 UTC, a day boundary.
        Instant from = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofMinutes(45));
        int writers = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Callable<Void> write = () -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        var counts = new TreeMap<Instant, Counts>();
                        for (int m = 0; m < 90; m++) {
                            counts.put(from.plus(Duration.ofMinutes(m)), new Counts(writer * 10 + round, 100 + m));
                        }
                        // Two sources: one shared by every writer (they replace each other), one of its own.
                        buckets.replace(slo, "shared", counts);
                        buckets.replace(slo, "writer-" + writer, counts);
                    }
                    return null;
                };
                done.add(pool.submit(write));
            }
            start.countDown();
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sums(slo, BucketStore.MINUTE, ChronoUnit.HOURS)).isEqualTo(rows(slo, BucketStore.HOUR));
        assertThat(sums(slo, BucketStore.MINUTE, ChronoUnit.DAYS)).isEqualTo(rows(slo, BucketStore.DAY));
        assertThat(rows(slo, BucketStore.DAY)).hasSize(2);
        // Every minute is counted once per source: the shared one as the last writer left it.
        long total = rows(slo, BucketStore.DAY).values().stream()
                .mapToLong(c -> c.total())
                .sum();
        assertThat(total).isEqualTo((writers + 1) * (90 * 100 + 89 * 90 / 2));
    }

    private TreeMap<Instant, Counts> sums(UUID slo, int resolution, ChronoUnit unit) {
        var sums = new TreeMap<Instant, Counts>();
        rows(slo, resolution)
                .forEach((start, c) -> sums.merge(start.truncatedTo(unit), c, (a, b) -> a.plus(b.good(), b.total())));
        return sums;
    }

    /** Per bucket start, counts summed over sources. */
    private TreeMap<Instant, Counts> rows(UUID slo, int resolution) {
        var rows = new TreeMap<Instant, Counts>();
        jdbc.sql("SELECT bucket_start, good, total FROM slo_buckets WHERE slo_id = ? AND resolution_seconds = ?")
                .params(slo, resolution)
                .query(rs -> {
                    rows.merge(
                            JdbcTime.fromDb(rs, "bucket_start"),
                            new Counts(rs.getLong("good"), rs.getLong("total")),
                            (a, b) -> a.plus(b.good(), b.total()));
                });
        return rows;
    }
}
