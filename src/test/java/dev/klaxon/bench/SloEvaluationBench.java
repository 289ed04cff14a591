package dev.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Teams;
import dev.klaxon.services.Services;
import dev.klaxon.slo.SloEvaluations;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.Slos;
import dev.klaxon.slo.internal.BucketStore;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One full SLO evaluation cycle over N SLOs with 30 days of data each, stored as the bucket store keeps it after
 * housekeeping: the last 3 days of minute buckets, 30 days of hour buckets and 31 day buckets (5,083 rows per SLO). Not part of the build (no *Tests suffix); run with
 * {@code ./mvnw verify -Dit.test=SloEvaluationBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.slos=200} (add the PostgreSQL variables to run it there). Prints the cycle time and the peak heap.
 */
@KlaxonIntegrationTest
class SloEvaluationBench {

    @Autowired
    Slos slos;

    @Autowired
    SloEvaluations evaluations;

    @Autowired
    Services services;

    @Autowired
    Teams teams;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    /**
     * {@code count} buckets of one resolution from {@code from}, each {@code minutes} minutes of 1,999 good events
     * out of 2,000 per minute (99.95 %, within a 99.9 % objective), generated in the database.
     */
    private int generate(
            boolean postgres, UUID slo, int resolution, Instant from, int count, String source, int minutes) {
        String sql = postgres
                ? "INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)"
                        + " SELECT ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE) + g * ? * INTERVAL '1 second', ?, ?, ?"
                        + " FROM generate_series(0, ? - 1) g"
                : "INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)"
                        + " SELECT ?, ?, DATEADD(SECOND, \"X\" * ?, CAST(? AS TIMESTAMP WITH TIME ZONE)), ?, ?, ?"
                        + " FROM SYSTEM_RANGE(0, ? - 1)";
        Object[] params = postgres
                ? new Object[] {
                    slo, resolution, JdbcTime.toDb(from), resolution, source, 1_999L * minutes, 2_000L * minutes, count
                }
                : new Object[] {
                    slo, resolution, resolution, JdbcTime.toDb(from), source, 1_999L * minutes, 2_000L * minutes, count
                };
        return jdbc.update(sql, params);
    }

    @Test
    void oneFullEvaluationCycle() {
        int n = Integer.getInteger("bench.slos", 200);
        var team = teams.create("bench-" + UUID.randomUUID().toString().substring(0, 8), null, Caller.system());
        var service = services.create(team.id(), "bench", null, true, Caller.system());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(slos.create(
                            new SloSpec(
                                    service.id(), "bench-" + i, null, null, null, 99.9, "P30D", "P3", null, null, null),
                            Caller.system())
                    .id());
        }
        // Mid-day and mid-hour, so that every window reads its edges at all three resolutions.
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant now = today.plus(Duration.ofHours(11)).plus(Duration.ofMinutes(37));
        boolean postgres = jdbc.execute((ConnectionCallback<Boolean>)
                c -> c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
        long loadStart = System.nanoTime();
        long rows = 0;
        for (UUID id : ids) {
            rows += generate(postgres, id, BucketStore.MINUTE, now.minus(Duration.ofDays(3)), 3 * 1440, "default", 1);
            rows += generate(postgres, id, BucketStore.HOUR, today.minus(Duration.ofDays(30)), 30 * 24 + 12, "*", 60);
            rows += generate(postgres, id, BucketStore.DAY, today.minus(Duration.ofDays(30)), 31, "*", 1440);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("SLO bench: %d SLOs, %d bucket rows loaded in %.1f s%n", n, rows, loadSeconds);
        // The first cycle runs on a cold JIT; a running server evaluates every minute, so the second is the
        // steady state. Both are reported.
        int evaluated = 0;
        for (String cycle : List.of("first (cold)", "second (warm)")) {
            clock.set(now);
            jdbc.update("UPDATE slo_schedule SET next_evaluation_at = ?", JdbcTime.toDb(now));
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            evaluated = evaluations.evaluateDue();
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf(
                    "SLO bench: %s cycle evaluated %d SLOs in %.2f s (%.2f ms per SLO, %.1f s extrapolated to"
                            + " 10,000); peak heap %d MB (sum of pool peaks)%n",
                    cycle,
                    evaluated,
                    seconds,
                    seconds * 1000 / evaluated,
                    seconds / evaluated * 10_000,
                    peak / (1024 * 1024));
        }
        assertThat(evaluated).isGreaterThanOrEqualTo(n);
    }
}
