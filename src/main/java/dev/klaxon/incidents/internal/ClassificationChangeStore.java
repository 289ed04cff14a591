package dev.klaxon.incidents.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.ClassificationChangeView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only history of priority and severity changes. */
@Repository
public class ClassificationChangeStore {

    public enum Kind {
        PRIORITY,
        SEVERITY
    }

    private static final String SELECT = """
            SELECT c.*, i.number AS incident_number, i.title AS incident_title
            FROM incidents_classification_changes c JOIN incidents_incidents i ON i.id = c.incident_id""";

    private static final int BATCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    ClassificationChangeStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** One change of an incident's priority or severity. */
    public record Change(
            UUID incidentId,
            Kind kind,
            String from,
            String to,
            String reason,
            boolean override,
            Actor by,
            Instant at) {}

    public void append(
            UUID incidentId, Kind kind, String from, String to, String reason, boolean override, Actor by, Instant at) {
        appendAll(List.of(new Change(incidentId, kind, from, to, reason, override, by, at)));
    }

    public void appendAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO incidents_classification_changes
                    (incident_id, kind, from_value, to_value, reason, override, actor_type, actor_id, actor_name, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", changes, BATCH_SIZE, (ps, change) -> {
            ps.setObject(1, change.incidentId());
            ps.setString(2, change.kind().name());
            ps.setString(3, change.from());
            ps.setString(4, change.to());
            ps.setString(5, change.reason());
            ps.setBoolean(6, change.override());
            ps.setString(7, change.by().type().name());
            ps.setObject(8, change.by().id());
            ps.setString(9, change.by().name());
            ps.setObject(10, JdbcTime.toDb(change.at()));
        });
    }

    /** The changes of one incident, in the order they happened. */
    public List<ClassificationChangeView> list(UUID incidentId) {
        return jdbc.sql(SELECT + " WHERE c.incident_id = ? ORDER BY c.id")
                .param(incidentId)
                .query(ClassificationChangeStore::map)
                .list();
    }

    /** Judgement overrides of all incidents, newest first. */
    public List<ClassificationChangeView> overrides(int limit) {
        return jdbc.sql(SELECT + " WHERE c.override = TRUE ORDER BY c.id DESC LIMIT ?")
                .param(limit)
                .query(ClassificationChangeStore::map)
                .list();
    }

    private static ClassificationChangeView map(ResultSet rs, int row) throws SQLException {
        return new ClassificationChangeView(
                rs.getLong("id"),
                rs.getObject("incident_id", UUID.class),
                rs.getLong("incident_number"),
                rs.getString("incident_title"),
                rs.getString("kind"),
                rs.getString("from_value"),
                rs.getString("to_value"),
                rs.getString("reason"),
                rs.getBoolean("override"),
                new Actor(
                        Actor.Type.valueOf(rs.getString("actor_type")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name")),
                JdbcTime.fromDb(rs, "at"));
    }
}
