package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event counts in three resolutions. Minute buckets are kept per source (a later push for the same minute and
 * source replaces the earlier one); hour and day buckets hold the sums of all sources and are kept up to date
 * in the same transaction as every minute written, so any span can be read from whole days, whole hours and
 * the minutes at its edges (see {@link WindowPlan}). Housekeeping only deletes old minutes: their hours and
 * days already count them.
 */
@Repository
public class BucketStore {

    public static final int MINUTE = 60;
    public static final int HOUR = 3600;
    public static final int DAY = 86400;
    /** The source of hour and day buckets: all sources summed. */
    public static final String ALL_SOURCES = "*";

    private static final int IDS_PER_QUERY = 500;
    private static final int ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;
    private final SloProperties properties;
    private final boolean postgres;

    BucketStore(
            JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, SloProperties properties, DataSource data) {
        this.postgres = isPostgres(data);
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
        this.properties = properties;
    }

    /** A count of good and total events. */
    public record Counts(long good, long total) {
        public static final Counts NONE = new Counts(0, 0);

        Counts plus(long good, long total) {
            return new Counts(this.good + good, this.total + total);
        }
    }

    /**
     * Replaces the minute buckets of this source with the given counts (keyed by minute start) and moves the
     * hour and day sums by the difference, in one transaction of its own. A concurrent writer that creates a
     * bucket first makes the attempt fail on the key; it is repeated, and then finds and replaces that bucket.
     * An attempt the database ends to break a deadlock is repeated the same way.
     */
    public void replace(UUID sloId, String source, SortedMap<Instant, Counts> byMinute) {
        if (byMinute.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(s -> write(sloId, source, byMinute));
                return;
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                // A bucket created first by a concurrent writer, or a deadlock the database broke (writers of
                // one SLO lock its hours and days in the same order, but their scans may still meet): again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void write(UUID sloId, String source, SortedMap<Instant, Counts> byMinute) {
        // Locked, so that a concurrent replace of the same minutes waits and then moves the sums from our values;
        // in time order (the ORDER BY), so two writers lock them in the same order.
        Map<Instant, Counts> before = new HashMap<>();
        jdbc.sql("""
                SELECT bucket_start, good, total FROM slo_buckets
                WHERE slo_id = ? AND resolution_seconds = ? AND source = ? AND bucket_start >= ? AND bucket_start <= ?
                ORDER BY bucket_start
                FOR UPDATE""")
                .params(sloId, MINUTE, source, JdbcTime.toDb(byMinute.firstKey()), JdbcTime.toDb(byMinute.lastKey()))
                .query(rs -> {
                    before.put(
                            JdbcTime.fromDb(rs, "bucket_start"), new Counts(rs.getLong("good"), rs.getLong("total")));
                });
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        var hours = new TreeMap<Instant, Counts>();
        var days = new TreeMap<Instant, Counts>();
        for (var entry : byMinute.entrySet()) {
            Counts now = entry.getValue();
            Counts old = before.get(entry.getKey());
            if (old == null) {
                inserts.add(
                        new Object[] {sloId, MINUTE, JdbcTime.toDb(entry.getKey()), source, now.good(), now.total()});
                old = Counts.NONE;
            } else if (!old.equals(now)) {
                updates.add(
                        new Object[] {now.good(), now.total(), sloId, MINUTE, JdbcTime.toDb(entry.getKey()), source});
            } else {
                continue;
            }
            long good = now.good() - old.good();
            long total = now.total() - old.total();
            hours.merge(entry.getKey().truncatedTo(ChronoUnit.HOURS), new Counts(good, total), BucketStore::sum);
            days.merge(entry.getKey().truncatedTo(ChronoUnit.DAYS), new Counts(good, total), BucketStore::sum);
        }
        batch("""
                UPDATE slo_buckets SET good = ?, total = ?
                WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start = ? AND source = ?""", updates);
        batch("""
                INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)
                VALUES (?, ?, ?, ?, ?, ?)""", inserts);
        // In ascending order, hours before days: concurrent writers of one SLO lock its sums in the same order.
        add(sloId, HOUR, hours);
        add(sloId, DAY, days);
    }

    private static Counts sum(Counts a, Counts b) {
        return a.plus(b.good(), b.total());
    }

    private void add(UUID sloId, int resolution, TreeMap<Instant, Counts> deltas) {
        for (var entry : deltas.entrySet()) {
            Counts delta = entry.getValue();
            if (delta.good() == 0 && delta.total() == 0) {
                continue;
            }
            int updated = jdbc.sql("""
                    UPDATE slo_buckets SET good = good + ?, total = total + ?
                    WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start = ? AND source = ?""")
                    .params(delta.good(), delta.total(), sloId, resolution, JdbcTime.toDb(entry.getKey()), ALL_SOURCES)
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(
                                sloId,
                                resolution,
                                JdbcTime.toDb(entry.getKey()),
                                ALL_SOURCES,
                                delta.good(),
                                delta.total())
                        .update();
            }
        }
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }

    /**
     * Sums of good and total events in buckets starting at or after each of {@code since} and at or before
     * {@code now}, in one pass.
     */
    public List<Counts> sums(UUID sloId, List<Instant> since, Instant now) {
        return sums(List.of(sloId), since, now).get(sloId);
    }

    /**
     * For each SLO, the sums of good and total events in buckets starting at or after each of {@code since} and
     * at or before {@code now}: one query per few hundred SLOs, reading about 150 rows per SLO for 30 days.
     */
    public Map<UUID, List<Counts>> sums(Collection<UUID> sloIds, List<Instant> since, Instant now) {
        var plan = WindowPlan.of(since, now, now.minus(properties.rollUpAfter()));
        Map<UUID, long[]> segments = new HashMap<>();
        List<UUID> ids = List.copyOf(sloIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            read(plan, ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)), segments);
        }
        Map<UUID, List<Counts>> result = new HashMap<>();
        for (UUID id : ids) {
            long[] values = segments.get(id);
            List<Counts> windows = new ArrayList<>();
            for (int[] window : plan.windows()) {
                long good = 0;
                long total = 0;
                if (values != null) {
                    for (int segment : window) {
                        good += values[2 * segment];
                        total += values[2 * segment + 1];
                    }
                }
                windows.add(new Counts(good, total));
            }
            result.put(id, windows);
        }
        return result;
    }

    /**
     * One query: per range of the plan a join of the SLO ids with that range's buckets (an index range per SLO in
     * both databases), labelled with their segment, summed per SLO and segment.
     */
    private void read(WindowPlan plan, List<UUID> ids, Map<UUID, long[]> segments) {
        if (plan.ranges().isEmpty()) {
            return;
        }
        if (postgres) {
            tx.executeWithoutResult(s -> {
                // The planner overestimates the rows of each range several times over (it cannot know that
                // resolution and span go together), prices the query high and then compiles it (JIT) and starts
                // parallel workers: 100-250 ms of a 25 ms query. Both off for this transaction only.
                jdbc.sql("SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0',"
                                + " true)")
                        .query(rs -> {});
                query(plan, ids, segments);
            });
        } else {
            query(plan, ids, segments);
        }
    }

    private void query(WindowPlan plan, List<UUID> ids, Map<UUID, long[]> segments) {
        String values =
                "(VALUES " + String.join(", ", Collections.nCopies(ids.size(), "(CAST(? AS UUID))")) + ") i(id)";
        var sql = new StringBuilder("SELECT slo_id, seg, SUM(good) AS good, SUM(total) AS total FROM (");
        List<Object> params = new ArrayList<>();
        for (int r = 0; r < plan.ranges().size(); r++) {
            var range = plan.ranges().get(r);
            if (r > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT i.id AS slo_id, ");
            if (range.cuts().isEmpty()) {
                sql.append(range.firstSegment());
            } else {
                sql.append("CASE");
                for (int c = 0; c < range.cuts().size(); c++) {
                    sql.append(" WHEN b.bucket_start < ? THEN ").append(range.firstSegment() + c);
                    params.add(JdbcTime.toDb(range.cuts().get(c)));
                }
                sql.append(" ELSE ")
                        .append(range.firstSegment() + range.cuts().size())
                        .append(" END");
            }
            sql.append(" AS seg, b.good, b.total FROM ")
                    .append(values)
                    .append(" JOIN slo_buckets b ON b.slo_id = i.id AND b.resolution_seconds = ")
                    .append(range.resolutionSeconds())
                    .append(" AND b.bucket_start >= ? AND b.bucket_start < ?");
            params.addAll(ids);
            params.add(JdbcTime.toDb(range.from()));
            params.add(JdbcTime.toDb(range.until()));
        }
        sql.append(") x GROUP BY slo_id, seg");
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            long[] sums =
                    segments.computeIfAbsent(rs.getObject("slo_id", UUID.class), id -> new long[2 * plan.segments()]);
            int seg = rs.getInt("seg");
            sums[2 * seg] += rs.getLong("good");
            sums[2 * seg + 1] += rs.getLong("total");
        });
    }

    private static boolean isPostgres(DataSource data) {
        try {
            return JdbcUtils.extractDatabaseMetaData(data, DatabaseMetaData::getDatabaseProductName)
                    .contains("PostgreSQL");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** A bucket's counts summed over sources. */
    public record Point(Instant start, long good, long total) {}

    /** The hour buckets from {@code since} to {@code until} (for charts). */
    public List<Point> hourly(UUID sloId, Instant since, Instant until) {
        return jdbc.sql("""
                SELECT bucket_start, good, total FROM slo_buckets
                WHERE slo_id = ? AND resolution_seconds = ? AND bucket_start >= ? AND bucket_start <= ?
                ORDER BY bucket_start""")
                .params(sloId, HOUR, JdbcTime.toDb(since), JdbcTime.toDb(until))
                .query((rs, n) ->
                        new Point(JdbcTime.fromDb(rs, "bucket_start"), rs.getLong("good"), rs.getLong("total")))
                .list();
    }
}
