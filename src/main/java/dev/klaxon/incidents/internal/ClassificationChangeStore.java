package dev.klaxon.incidents.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.ClassificationChangeView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

    private final JdbcClient jdbc;

    ClassificationChangeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(
            UUID incidentId, Kind kind, String from, String to, String reason, boolean override, Actor by, Instant at) {
        jdbc.sql("""
                INSERT INTO incidents_classification_changes
                    (incident_id, kind, from_value, to_value, reason, override, actor_type, actor_id, actor_name, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        incidentId,
                        kind.name(),
                        from,
                        to,
                        reason,
                        override,
                        by.type().name(),
                        by.id(),
                        by.name(),
                        JdbcTime.toDb(at))
                .update();
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
