package dev.klaxon.incidents.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.TimelineEntryView;
import dev.klaxon.incidents.TimelineRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incident timeline table: appends, folds repeats, reads. */
@Repository
public class TimelineStore {

    /** Repeats of one alert fold into one line while they arrive less than this apart. */
    static final Duration FOLD_WINDOW = Duration.ofMinutes(10);

    private static final int BATCH_SIZE = 500;

    private static final String FOLD =
            "UPDATE incidents_timeline SET fold_count = fold_count + 1, last_at = ? WHERE id = ? AND last_at >= ?";

    private record FoldKey(UUID incidentId, TimelineKind kind, String subject) {

        static FoldKey of(Line line) {
            return new FoldKey(line.incidentId(), line.kind(), line.subject());
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Cache<FoldKey, Long> foldLines =
            Caffeine.newBuilder().maximumSize(100_000).build();

    TimelineStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Appends a line; returns its id. */
    public long append(UUID incidentId, Instant at, TimelineKind kind, Actor actor, String subject, String message) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO incidents_timeline
                    (incident_id, at, kind, actor_type, actor_id, actor_name, subject, message, fold_count, last_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""")
                .params(
                        incidentId,
                        JdbcTime.toDb(at),
                        kind.name(),
                        actor.type().name(),
                        actor.id(),
                        actor.name(),
                        subject,
                        message,
                        JdbcTime.toDb(at))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** A line of this module's own kinds, for {@link #appendLines}. */
    public record Line(UUID incidentId, Instant at, TimelineKind kind, Actor actor, String subject, String message) {}

    /** Appends lines written by other modules in one batch. */
    public void appendAll(List<TimelineRecord> lines) {
        insert(lines.stream()
                .map(r -> new Row(r.incidentId(), r.at(), r.event().name(), r.actor(), r.subject(), r.message()))
                .toList());
    }

    /** Appends lines in one batch, in list order. */
    public void appendLines(List<Line> lines) {
        insert(lines.stream()
                .map(l -> new Row(l.incidentId(), l.at(), l.kind().name(), l.actor(), l.subject(), l.message()))
                .toList());
    }

    private record Row(UUID incidentId, Instant at, String kind, Actor actor, String subject, String message) {}

    private void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO incidents_timeline
                    (incident_id, at, kind, actor_type, actor_id, actor_name, subject, message, fold_count, last_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""", rows, BATCH_SIZE, (ps, row) -> {
            Object at = JdbcTime.toDb(row.at());
            ps.setObject(1, row.incidentId());
            ps.setObject(2, at);
            ps.setString(3, row.kind());
            ps.setString(4, row.actor().type().name());
            ps.setObject(5, row.actor().id());
            ps.setString(6, row.actor().name());
            ps.setString(7, row.subject());
            ps.setString(8, row.message());
            ps.setObject(9, at);
        });
    }

    /**
     * Counts each line as a repeat on the open fold line of its incident, kind and subject, or starts a new line
     * when there is none. The line last folded into is remembered, so a repeat usually costs one update by primary
     * key, batched with the others; the remembered id is only a hint (the update checks the fold window, and a line
     * of a rolled-back transaction is simply not found), and a miss looks the line up.
     */
    public void appendFolded(List<Line> repeats) {
        List<Line> remembered = new ArrayList<>(repeats.size());
        List<Object[]> folds = new ArrayList<>(repeats.size());
        List<Line> rest = new ArrayList<>();
        for (Line repeat : repeats) {
            Long line = foldLines.getIfPresent(FoldKey.of(repeat));
            if (line == null) {
                rest.add(repeat);
            } else {
                remembered.add(repeat);
                folds.add(new Object[] {JdbcTime.toDb(repeat.at()), line, windowStart(repeat)});
            }
        }
        if (!folds.isEmpty()) {
            int[] folded = jdbcTemplate.batchUpdate(FOLD, folds);
            for (int i = 0; i < folded.length; i++) {
                if (folded[i] == 0) {
                    rest.add(remembered.get(i));
                }
            }
        }
        rest.forEach(this::appendFolded);
    }

    private void appendFolded(Line repeat) {
        Object windowStart = windowStart(repeat);
        Long line = jdbc.sql("""
                SELECT MAX(id) FROM incidents_timeline
                WHERE incident_id = ? AND kind = ? AND subject = ? AND last_at >= ?""")
                .params(repeat.incidentId(), repeat.kind().name(), repeat.subject(), windowStart)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (line == null
                || jdbc.sql(FOLD)
                                .params(JdbcTime.toDb(repeat.at()), line, windowStart)
                                .update()
                        == 0) {
            line = append(
                    repeat.incidentId(),
                    repeat.at(),
                    repeat.kind(),
                    repeat.actor(),
                    repeat.subject(),
                    repeat.message());
        }
        foldLines.put(FoldKey.of(repeat), line);
    }

    private static Object windowStart(Line repeat) {
        return JdbcTime.toDb(repeat.at().minus(FOLD_WINDOW));
    }

    public List<TimelineEntryView> list(UUID incidentId) {
        return jdbc.sql("SELECT * FROM incidents_timeline WHERE incident_id = ? ORDER BY id")
                .param(incidentId)
                .query(TimelineStore::map)
                .list();
    }

    public TimelineEntryView get(long id) {
        return jdbc.sql("SELECT * FROM incidents_timeline WHERE id = ?")
                .param(id)
                .query(TimelineStore::map)
                .single();
    }

    private static TimelineEntryView map(ResultSet rs, int row) throws SQLException {
        return new TimelineEntryView(
                rs.getLong("id"),
                JdbcTime.fromDb(rs, "at"),
                rs.getString("kind"),
                new Actor(
                        Actor.Type.valueOf(rs.getString("actor_type")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name")),
                rs.getString("subject"),
                rs.getString("message"),
                rs.getInt("fold_count"),
                JdbcTime.fromDb(rs, "last_at"));
    }
}
