package dev.klaxon.incidents.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.ProcessStep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incidents and process-step tables. Status changes are conditional updates, safe under concurrency. */
@Repository
public class IncidentStore {

    private final JdbcClient jdbc;

    IncidentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a triggered incident with one open alert; returns its number. */
    public long insert(UUID id, UUID serviceId, UUID teamId, String title, String severityHint, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO incidents_incidents
                    (id, service_id, team_id, title, status, severity_hint, alert_count, open_alert_count, created_at)
                VALUES (?, ?, ?, ?, 'TRIGGERED', ?, 1, 1, ?)""")
                .params(id, serviceId, teamId, title, severityHint, JdbcTime.toDb(at))
                .update(keys, "number");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void reachStep(UUID incidentId, ProcessStep step, Instant at, String by) {
        jdbc.sql("""
                INSERT INTO incidents_process_steps (incident_id, step, reached_at, actor_name)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS
                    (SELECT 1 FROM incidents_process_steps WHERE incident_id = ? AND step = ?)""")
                .params(incidentId, step.name(), JdbcTime.toDb(at), by, incidentId, step.name())
                .update();
    }

    /** Triggered → acknowledged; false when the incident was not triggered (any more). */
    public boolean acknowledge(UUID id, Actor by, Instant at) {
        return jdbc.sql("""
                UPDATE incidents_incidents SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?
                WHERE id = ? AND status = 'TRIGGERED'""").params(JdbcTime.toDb(at), by.name(), id).update() == 1;
    }

    /** Any open status → resolved; false when it was resolved already. */
    public boolean resolve(UUID id, Actor by, Instant at) {
        return jdbc.sql("""
                UPDATE incidents_incidents SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?, open_alert_count = 0
                WHERE id = ? AND status <> 'RESOLVED'""").params(JdbcTime.toDb(at), by.name(), id).update() == 1;
    }

    /** One alert of the incident resolved; returns the number of alerts still open. */
    public int alertResolved(UUID id) {
        jdbc.sql(
                        "UPDATE incidents_incidents SET open_alert_count = open_alert_count - 1 WHERE id = ? AND open_alert_count > 0")
                .param(id)
                .update();
        return jdbc.sql("SELECT open_alert_count FROM incidents_incidents WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    public Optional<IncidentView> find(UUID id) {
        var incident = jdbc.sql("SELECT * FROM incidents_incidents WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
        return incident.map(i -> withSteps(List.of(i)).get(0));
    }

    public Optional<IncidentView> findByNumber(long number) {
        var incident = jdbc.sql("SELECT * FROM incidents_incidents WHERE number = ?")
                .param(number)
                .query(this::map)
                .optional();
        return incident.map(i -> withSteps(List.of(i)).get(0));
    }

    /** Newest first; fetches one more than the limit so the caller knows whether a next page exists. */
    public List<IncidentView> list(IncidentQuery query) {
        var sql = new StringBuilder("SELECT * FROM incidents_incidents WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.serviceId() != null) {
            sql.append(" AND service_id = :serviceId");
            params.put("serviceId", query.serviceId());
        }
        if (query.teamId() != null) {
            sql.append(" AND team_id = :teamId");
            params.put("teamId", query.teamId());
        }
        if (query.createdSince() != null) {
            sql.append(" AND created_at >= :since");
            params.put("since", JdbcTime.toDb(query.createdSince()));
        }
        if (query.createdUntil() != null) {
            sql.append(" AND created_at < :until");
            params.put("until", JdbcTime.toDb(query.createdUntil()));
        }
        if (query.before() != null) {
            sql.append(" AND number < :before");
            params.put("before", query.before());
        }
        sql.append(" ORDER BY number DESC LIMIT :limit");
        params.put("limit", query.limit() + 1);
        return withSteps(
                jdbc.sql(sql.toString()).params(params).query(this::map).list());
    }

    private List<IncidentView> withSteps(List<IncidentView> incidents) {
        if (incidents.isEmpty()) {
            return incidents;
        }
        Map<UUID, List<IncidentView.StepReached>> steps = new HashMap<>();
        jdbc.sql("SELECT * FROM incidents_process_steps WHERE incident_id IN (:ids)")
                .param("ids", incidents.stream().map(IncidentView::id).toList())
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new IncidentView.StepReached(
                                    ProcessStep.valueOf(rs.getString("step")),
                                    JdbcTime.fromDb(rs, "reached_at"),
                                    rs.getString("actor_name")));
                });
        // Steps reached in one moment (identification, logging, categorization) keep their process order.
        var order = Comparator.comparing(IncidentView.StepReached::at).thenComparing(IncidentView.StepReached::step);
        steps.values().forEach(list -> list.sort(order));
        return incidents.stream()
                .map(i -> new IncidentView(
                        i.id(),
                        i.number(),
                        i.title(),
                        i.status(),
                        i.serviceId(),
                        i.teamId(),
                        i.severityHint(),
                        i.alertCount(),
                        i.openAlertCount(),
                        i.createdAt(),
                        i.acknowledgedAt(),
                        i.acknowledgedBy(),
                        i.resolvedAt(),
                        i.resolvedBy(),
                        steps.getOrDefault(i.id(), List.of())))
                .toList();
    }

    private IncidentView map(ResultSet rs, int row) throws SQLException {
        return new IncidentView(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                rs.getString("title"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getObject("service_id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("severity_hint"),
                rs.getInt("alert_count"),
                rs.getInt("open_alert_count"),
                JdbcTime.fromDb(rs, "created_at"),
                JdbcTime.fromDb(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                JdbcTime.fromDb(rs, "resolved_at"),
                rs.getString("resolved_by"),
                List.of());
    }
}
