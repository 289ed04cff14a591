package dev.klaxon.incidents.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentSort;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.ProcessStep;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The incidents and process-step tables. Status changes are conditional updates, safe under concurrency. */
@Repository
public class IncidentStore {

    /**
     * Reached by every incident the moment it is created, by its creator: kept on the incident row, as is
     * prioritization (prioritized_at, prioritized_by); the later steps are rows of incidents_process_steps.
     */
    private static final Set<ProcessStep> CREATION_STEPS =
            EnumSet.of(ProcessStep.IDENTIFICATION, ProcessStep.LOGGING, ProcessStep.CATEGORIZATION);

    /** Breached: recorded as breached, or still unanswered (not acknowledged, not resolved) past its due time. */
    private static final String BREACHED = "(response_target_breached = TRUE OR (acknowledged_at IS NULL"
            + " AND status <> 'RESOLVED' AND response_due_at IS NOT NULL AND response_due_at < :now))";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    IncidentStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * A rule-assigned priority written with the incident itself, under the classification version it pins.
     *
     * @param rank the priority's stored rank
     */
    public record InitialPriority(int classificationVersion, String priority, Integer rank) {}

    /**
     * A triggered incident with one open alert, as it is opened.
     *
     * @param priority null when no rule assigned one; an incident opened with a priority has reached prioritization
     * @param by who opened it: the steps it reaches by being opened are reached by {@code by} at {@code at}
     */
    public record NewIncident(
            UUID id,
            UUID serviceId,
            UUID teamId,
            String title,
            String severityHint,
            InitialPriority priority,
            Instant at,
            String by) {}

    /**
     * Inserts the incidents in one batch; returns their numbers, in order. A new incident has no step rows: the
     * steps it reaches as it opens are read from its row (see {@link #steps}).
     */
    public List<Long> insertAll(List<NewIncident> opened) {
        var numbers = new GeneratedKeyHolder();
        jdbcTemplate.batchUpdate(
                connection -> connection.prepareStatement("""
                        INSERT INTO incidents_incidents
                            (id, service_id, team_id, title, status, severity_hint, alert_count, open_alert_count,
                             created_at, created_by, classification_version, priority, rule_priority, priority_rank,
                             prioritized_at, prioritized_by)
                        VALUES (?, ?, ?, ?, 'TRIGGERED', ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"number"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        NewIncident incident = opened.get(i);
                        InitialPriority priority = incident.priority();
                        ps.setObject(1, incident.id());
                        ps.setObject(2, incident.serviceId());
                        ps.setObject(3, incident.teamId());
                        ps.setString(4, incident.title());
                        ps.setString(5, incident.severityHint());
                        ps.setObject(6, JdbcTime.toDb(incident.at()));
                        ps.setString(7, incident.by());
                        ps.setObject(8, priority == null ? null : priority.classificationVersion(), Types.INTEGER);
                        ps.setString(9, priority == null ? null : priority.priority());
                        ps.setString(10, priority == null ? null : priority.priority());
                        ps.setObject(11, priority == null ? null : priority.rank(), Types.INTEGER);
                        // Opened with a priority: prioritization is reached as it opens, by its creator.
                        ps.setObject(
                                12,
                                priority == null ? null : JdbcTime.toDb(incident.at()),
                                Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setString(13, priority == null ? null : incident.by());
                    }

                    @Override
                    public int getBatchSize() {
                        return opened.size();
                    }
                },
                numbers);
        // The database hands out numbers in the batch's order; one generated key per inserted row.
        List<Long> result = numbers.getKeyList().stream()
                .map(keys -> ((Number) keys.values().iterator().next()).longValue())
                .toList();
        if (result.size() != opened.size()) {
            throw new IllegalStateException(
                    "Expected " + opened.size() + " incident numbers, the database returned " + result.size());
        }
        return result;
    }

    /** Prioritization is reached when an incident first gets a priority; later changes leave it as it was. */
    public void reachPrioritization(UUID incidentId, Instant at, String by) {
        jdbc.sql("""
                UPDATE incidents_incidents SET prioritized_at = ?, prioritized_by = ?
                WHERE id = ? AND prioritized_at IS NULL""").params(JdbcTime.toDb(at), by, incidentId).update();
    }

    /** A step kept as a row of its own (response and later); prioritization is {@link #reachPrioritization}. */
    public void reachStep(UUID incidentId, ProcessStep step, Instant at, String by) {
        if (step == ProcessStep.PRIORITIZATION) {
            throw new IllegalArgumentException("prioritization is kept on the incident row: reachPrioritization");
        }
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

    public Optional<IncidentRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM incidents_incidents WHERE id = ?")
                .param(id)
                .query(IncidentStore::map)
                .optional();
    }

    /** The incidents with these ids that exist (in no particular order). */
    public List<IncidentRow> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM incidents_incidents WHERE id IN (:ids)")
                .param("ids", ids)
                .query(IncidentStore::map)
                .list();
    }

    /**
     * Reads the incident and locks its row until the transaction ends, so classification changes of one
     * incident happen one after another and each sees the result of the previous one.
     */
    public Optional<IncidentRow> lock(UUID id) {
        return jdbc.sql("SELECT * FROM incidents_incidents WHERE id = ? FOR UPDATE")
                .param(id)
                .query(IncidentStore::map)
                .optional();
    }

    public Optional<IncidentRow> findByNumber(long number) {
        return jdbc.sql("SELECT * FROM incidents_incidents WHERE number = ?")
                .param(number)
                .query(IncidentStore::map)
                .optional();
    }

    /** Keeps the first classification version an incident was classified under. */
    public void pinVersion(UUID id, int version) {
        jdbc.sql(
                        "UPDATE incidents_incidents SET classification_version = ? WHERE id = ? AND classification_version IS NULL")
                .params(version, id)
                .update();
    }

    public void setPriority(UUID id, String priority, Integer rank) {
        jdbc.sql("UPDATE incidents_incidents SET priority = ?, priority_rank = ? WHERE id = ?")
                .params(priority, rank, id)
                .update();
    }

    /** A rule assigned the priority: it is both the current and the rule-assigned one. */
    public void setRulePriority(UUID id, String priority, Integer rank) {
        jdbc.sql("UPDATE incidents_incidents SET priority = ?, rule_priority = ?, priority_rank = ? WHERE id = ?")
                .params(priority, priority, rank, id)
                .update();
    }

    /** A rule raised the rule-assigned priority while a person's more urgent priority stays. */
    public void setRulePriorityOnly(UUID id, String priority) {
        jdbc.sql("UPDATE incidents_incidents SET rule_priority = ? WHERE id = ?")
                .params(priority, id)
                .update();
    }

    public void setSeverity(UUID id, String severity, Integer rank, Instant responseDueAt) {
        jdbc.sql("UPDATE incidents_incidents SET severity = ?, severity_rank = ?, response_due_at = ? WHERE id = ?")
                .params(severity, rank, JdbcTime.toDb(responseDueAt), id)
                .update();
    }

    /**
     * Records a response-target breach if the response (acknowledgement, else resolution, else now) came after
     * the due time and no breach was recorded yet; true exactly once per incident, whichever instance sees it.
     */
    public boolean recordBreachIfLate(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE incidents_incidents SET response_target_breached = TRUE
                WHERE id = ? AND response_target_breached = FALSE AND response_due_at IS NOT NULL
                  AND response_due_at < COALESCE(acknowledged_at, resolved_at, ?)""").params(id, JdbcTime.toDb(now)).update() == 1;
    }

    /**
     * In the query's order; fetches one more than the limit so the caller knows whether a next page exists.
     * Priority and severity sorts order by rank (incidents without one last), then newest first; the cursor
     * is the (rank, number) of the last row, so pages neither skip nor repeat incidents.
     */
    public List<IncidentRow> list(IncidentQuery query, Instant now) {
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
        if (!query.priorities().isEmpty()) {
            sql.append(" AND priority IN (:priorities)");
            params.put("priorities", List.copyOf(query.priorities()));
        }
        if (!query.severities().isEmpty()) {
            sql.append(" AND severity IN (:severities)");
            params.put("severities", List.copyOf(query.severities()));
        }
        if (query.targetBreached() != null) {
            sql.append(query.targetBreached() ? " AND " : " AND NOT ").append(BREACHED);
            params.put("now", JdbcTime.toDb(now));
        }
        String key = sortKey(query.sort());
        if (query.after() != null) {
            if (key == null) {
                sql.append(" AND number < :afterNumber");
            } else {
                sql.append(" AND (")
                        .append(key)
                        .append(" > :afterRank OR (")
                        .append(key)
                        .append(" = :afterRank AND number < :afterNumber))");
                params.put("afterRank", query.after().rank());
            }
            params.put("afterNumber", query.after().number());
        }
        sql.append(key == null ? " ORDER BY number DESC" : " ORDER BY " + key + ", number DESC");
        sql.append(" LIMIT :limit");
        params.put("limit", query.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(IncidentStore::map).list();
    }

    /** The value of the sort key of a row, for its cursor. */
    public static int sortRank(IncidentSort sort, IncidentRow row) {
        return switch (sort) {
            case CREATED -> 0;
            case PRIORITY -> row.priorityRank() == null ? Judgement.UNRANKED : row.priorityRank();
            case SEVERITY -> row.severityRank() == null ? Judgement.UNRANKED : row.severityRank();
        };
    }

    private static String sortKey(IncidentSort sort) {
        return switch (sort) {
            case CREATED -> null;
            case PRIORITY -> "COALESCE(priority_rank, " + Judgement.UNRANKED + ")";
            case SEVERITY -> "COALESCE(severity_rank, " + Judgement.UNRANKED + ")";
        };
    }

    /**
     * The process steps of these incidents, each list in the order they were reached: the ones reached by being
     * created (from the incident row) and those stored since.
     */
    public Map<UUID, List<IncidentView.StepReached>> steps(Collection<IncidentRow> rows) {
        Map<UUID, List<IncidentView.StepReached>> steps = new HashMap<>();
        if (rows.isEmpty()) {
            return steps;
        }
        jdbc.sql("SELECT * FROM incidents_process_steps WHERE incident_id IN (:ids)")
                .param("ids", rows.stream().map(IncidentRow::id).toList())
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new IncidentView.StepReached(
                                    ProcessStep.valueOf(rs.getString("step")),
                                    JdbcTime.fromDb(rs, "reached_at"),
                                    rs.getString("actor_name")));
                });
        for (IncidentRow row : rows) {
            List<IncidentView.StepReached> reached = steps.computeIfAbsent(row.id(), k -> new ArrayList<>());
            // Incidents created before created_by existed have these as rows too.
            Set<ProcessStep> stored =
                    reached.stream().map(IncidentView.StepReached::step).collect(Collectors.toSet());
            for (ProcessStep step : CREATION_STEPS) {
                if (!stored.contains(step)) {
                    reached.add(new IncidentView.StepReached(step, row.createdAt(), row.createdBy()));
                }
            }
            if (row.prioritizedAt() != null) {
                reached.add(new IncidentView.StepReached(
                        ProcessStep.PRIORITIZATION, row.prioritizedAt(), row.prioritizedBy()));
            }
        }
        // Steps reached in one moment (identification, logging, categorization) keep their process order.
        var order = Comparator.comparing(IncidentView.StepReached::at).thenComparing(IncidentView.StepReached::step);
        steps.values().forEach(list -> list.sort(order));
        return steps;
    }

    private static IncidentRow map(ResultSet rs, int row) throws SQLException {
        return new IncidentRow(
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
                rs.getString("created_by"),
                JdbcTime.fromDb(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                JdbcTime.fromDb(rs, "resolved_at"),
                rs.getString("resolved_by"),
                rs.getString("priority"),
                rs.getString("rule_priority"),
                rs.getObject("priority_rank", Integer.class),
                rs.getString("severity"),
                rs.getObject("severity_rank", Integer.class),
                rs.getObject("classification_version", Integer.class),
                JdbcTime.fromDb(rs, "prioritized_at"),
                rs.getString("prioritized_by"),
                JdbcTime.fromDb(rs, "response_due_at"),
                rs.getBoolean("response_target_breached"));
    }
}
