package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Event counts in minute buckets per source (a later push for the same minute and source replaces the
 * earlier one) and, for roll-ups, hour buckets. Sums are read across sources and resolutions.
 */
@Repository
public class BucketStore {

    public static final int MINUTE = 60;
    public static final int HOUR = 3600;
    /** The source of rolled-up hour buckets: all sources summed. */
    public static final String ALL_SOURCES = "*";

    private final JdbcClient jdbc;

    BucketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A count of good and total events. */
    public record Counts(long good, long total) {
        public static final Counts NONE = new Counts(0, 0);
    }

    /** Replaces the minute buckets of this source with the given counts (keyed by minute start). */
    public void replace(UUID sloId, String source, Map<Instant, Counts> byMinute) {
        List<Object[]> inserts = new ArrayList<>();
        for (var entry : byMinute.entrySet()) {
            int updated = jdbc.sql("""
                    UPDATE slo_buckets SET good = ?, total = ?
                    WHERE slo_id = ? AND bucket_start = ? AND resolution_seconds = ? AND source = ?""")
                    .params(
                            entry.getValue().good(),
                            entry.getValue().total(),
                            sloId,
                            JdbcTime.toDb(entry.getKey()),
                            MINUTE,
                            source)
                    .update();
            if (updated == 0) {
                inserts.add(new Object[] {
                    sloId,
                    MINUTE,
                    JdbcTime.toDb(entry.getKey()),
                    source,
                    entry.getValue().good(),
                    entry.getValue().total()
                });
            }
        }
        for (Object[] row : inserts) {
            jdbc.sql("""
                    INSERT INTO slo_buckets (slo_id, resolution_seconds, bucket_start, source, good, total)
                    VALUES (?, ?, ?, ?, ?, ?)""").params(row).update();
        }
    }

    /**
     * Sums of good and total events in buckets starting at or after each of {@code since} and at or before
     * {@code until}, in one pass.
     */
    public List<Counts> sums(UUID sloId, List<Instant> since, Instant until) {
        Instant earliest = since.stream().min(Instant::compareTo).orElseThrow();
        var sql = new StringBuilder("SELECT ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < since.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append("COALESCE(SUM(CASE WHEN bucket_start >= ? THEN good ELSE 0 END), 0) AS g")
                    .append(i)
                    .append(", COALESCE(SUM(CASE WHEN bucket_start >= ? THEN total ELSE 0 END), 0) AS t")
                    .append(i);
            params.add(JdbcTime.toDb(since.get(i)));
            params.add(JdbcTime.toDb(since.get(i)));
        }
        sql.append(" FROM slo_buckets WHERE slo_id = ? AND bucket_start >= ? AND bucket_start <= ?");
        params.add(sloId);
        params.add(JdbcTime.toDb(earliest));
        params.add(JdbcTime.toDb(until));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    List<Counts> out = new ArrayList<>();
                    for (int i = 0; i < since.size(); i++) {
                        out.add(new Counts(rs.getLong("g" + i), rs.getLong("t" + i)));
                    }
                    return out;
                })
                .single();
    }

    /** A bucket's counts summed over sources. */
    public record Point(Instant start, long good, long total) {}

    public List<Point> series(UUID sloId, Instant since, Instant until) {
        return jdbc.sql("""
                SELECT bucket_start, SUM(good) AS good, SUM(total) AS total FROM slo_buckets
                WHERE slo_id = ? AND bucket_start >= ? AND bucket_start <= ?
                GROUP BY bucket_start ORDER BY bucket_start""")
                .params(sloId, JdbcTime.toDb(since), JdbcTime.toDb(until))
                .query((rs, n) ->
                        new Point(JdbcTime.fromDb(rs, "bucket_start"), rs.getLong("good"), rs.getLong("total")))
                .list();
    }
}
