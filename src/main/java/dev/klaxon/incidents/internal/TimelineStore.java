package dev.klaxon.incidents.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.TimelineEntryView;
import dev.klaxon.incidents.TimelineRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

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

    /** Appends lines written by other modules in one batch. */
    public void appendAll(List<TimelineRecord> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO incidents_timeline
                    (incident_id, at, kind, actor_type, actor_id, actor_name, subject, message, fold_count, last_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""", lines, BATCH_SIZE, (ps, line) -> {
            ps.setObject(1, line.incidentId());
            ps.setObject(2, JdbcTime.toDb(line.at()));
            ps.setString(3, line.event().name());
            ps.setString(4, line.actor().type().name());
            ps.setObject(5, line.actor().id());
            ps.setString(6, line.actor().name());
            ps.setString(7, line.subject());
            ps.setString(8, line.message());
            ps.setObject(9, JdbcTime.toDb(line.at()));
        });
    }

    /** Counts a repeat on the open fold line of this subject, or starts a new line when there is none. */
    public void appendFolded(
            UUID incidentId, Instant at, TimelineKind kind, Actor actor, String subject, String message) {
        int folded = jdbc.sql("""
                UPDATE incidents_timeline SET fold_count = fold_count + 1, last_at = ?
                WHERE id = (SELECT MAX(id) FROM incidents_timeline
                            WHERE incident_id = ? AND kind = ? AND subject = ? AND last_at >= ?)""")
                .params(JdbcTime.toDb(at), incidentId, kind.name(), subject, JdbcTime.toDb(at.minus(FOLD_WINDOW)))
                .update();
        if (folded == 0) {
            append(incidentId, at, kind, actor, subject, message);
        }
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
