package dev.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.identity.Teams;
import dev.klaxon.services.Services;
import dev.klaxon.slo.SloEvaluations;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.Slos;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One full SLO evaluation cycle over N SLOs with 30 days of data each, stored as the roll-up leaves it (3 days of
 * minute buckets, 27 days of hour buckets). Not part of the build (no *Tests suffix); run with
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

    @Test
    void oneFullEvaluationCycle() {
        int n = Integer.getInteger("bench.slos", 200);
        var team = teams.create("bench-" + UUID.randomUUID().toString().substring(0, 8), null);
        var service = services.create(team.id(), "bench", null, true);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(slos.create(
                            new SloSpec(
                                    service.id(), "bench-" + i, null, null, null, 99.9, "P30D", "P3", null, null, null),
                            Actor.SYSTEM)
                    .id());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant minutesFrom = now.minus(Duration.ofDays(3));
        Instant hoursFrom = now.minus(Duration.ofDays(30));
        long loadStart = System.nanoTime();
        long rows = 0;
        for (UUID id : ids) {
            List<Object[]> batch = new ArrayList<>();
            for (Instant t = hoursFrom; t.isBefore(minutesFrom); t = t.plus(Duration.ofHours(1))) {
                batch.add(new Object[] {id, 3600, JdbcTime.toDb(t), "*", 59_970L, 60_000L});
            }
            for (Instant t = minutesFrom; t.isBefore(now); t = t.plus(Duration.ofMinutes(1))) {
                batch.add(new Object[] {id, 60, JdbcTime.toDb(t), "default", 1_999L, 2_000L});
            }
            jdbc.batchUpdate(
                    "INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    batch);
            rows += batch.size();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        clock.set(now.plus(Duration.ofMinutes(2)));
        jdbc.update("UPDATE slo_schedule SET next_evaluation_at = ?", JdbcTime.toDb(now));

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        int evaluated = evaluations.evaluateDue();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        System.out.printf(
                "SLO bench: %d SLOs, %d bucket rows loaded in %.1f s; one cycle evaluated %d SLOs in %.2f s "
                        + "(%.2f ms per SLO, %.1f s extrapolated to 10,000); peak heap %d MB (sum of pool peaks)%n",
                n,
                rows,
                loadSeconds,
                evaluated,
                seconds,
                seconds * 1000 / evaluated,
                seconds / evaluated * 10_000,
                peak / (1024 * 1024));
        assertThat(evaluated).isGreaterThanOrEqualTo(n);
    }
}
