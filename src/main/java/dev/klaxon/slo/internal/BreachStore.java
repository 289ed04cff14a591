package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.slo.SloBreachView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Condition states (breaching or not, last alert) and the breach records. */
@Repository
public class BreachStore {

    private final JdbcClient jdbc;

    BreachStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per SLO and condition: breaching now (as last evaluated), its open breach, its last alert. */
    public record ConditionState(UUID sloId, String condition, boolean firing, UUID breachId, Instant lastAlertedAt) {

        public static ConditionState initial(UUID sloId, String condition) {
            return new ConditionState(sloId, condition, false, null, null);
        }
    }

    public Map<String, ConditionState> states(UUID sloId) {
        return states(List.of(sloId)).getOrDefault(sloId, Map.of());
    }

    /** Per SLO (those with any), its conditions' states by condition name. */
    public Map<UUID, Map<String, ConditionState>> states(Collection<UUID> sloIds) {
        if (sloIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT * FROM slo_condition_states WHERE slo_id IN (:ids)")
                .param("ids", sloIds)
                .query((rs, n) -> new ConditionState(
                        rs.getObject("slo_id", UUID.class),
                        rs.getString("condition_name"),
                        rs.getBoolean("firing"),
                        rs.getObject("breach_id", UUID.class),
                        JdbcTime.fromDb(rs, "last_alerted_at")))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        ConditionState::sloId, Collectors.toMap(ConditionState::condition, Function.identity())));
    }

    public void save(ConditionState state) {
        int updated = jdbc.sql("""
                UPDATE slo_condition_states SET firing = ?, breach_id = ?, last_alerted_at = ?
                WHERE slo_id = ? AND condition_name = ?""")
                .params(
                        state.firing(),
                        state.breachId(),
                        JdbcTime.toDb(state.lastAlertedAt()),
                        state.sloId(),
                        state.condition())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO slo_condition_states (slo_id, condition_name, firing, breach_id, last_alerted_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            state.sloId(),
                            state.condition(),
                            state.firing(),
                            state.breachId(),
                            JdbcTime.toDb(state.lastAlertedAt()))
                    .update();
        }
    }

    public void insert(SloBreachView breach) {
        jdbc.sql("""
                INSERT INTO slo_breaches (id, slo_id, condition_name, started_at, ended_at, priority, priority_reason,
                    classification_version, incident_id, budget_remaining, burn_rate, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        breach.id(),
                        breach.sloId(),
                        breach.condition(),
                        JdbcTime.toDb(breach.startedAt()),
                        JdbcTime.toDb(breach.endedAt()),
                        breach.priority(),
                        breach.priorityReason(),
                        breach.classificationVersion(),
                        breach.incidentId(),
                        breach.budgetRemaining(),
                        breach.burnRate(),
                        breach.summary())
                .update();
    }

    public void setIncidentIfNone(UUID breachId, UUID incidentId) {
        jdbc.sql("UPDATE slo_breaches SET incident_id = ? WHERE id = ? AND incident_id IS NULL")
                .params(incidentId, breachId)
                .update();
    }

    public void end(UUID breachId, Instant at) {
        jdbc.sql("UPDATE slo_breaches SET ended_at = ? WHERE id = ? AND ended_at IS NULL")
                .params(JdbcTime.toDb(at), breachId)
                .update();
    }

    public Optional<SloBreachView> find(UUID id) {
        return jdbc.sql("SELECT * FROM slo_breaches WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    public List<SloBreachView> forSlo(UUID sloId, int limit) {
        return jdbc.sql("SELECT * FROM slo_breaches WHERE slo_id = ? ORDER BY started_at DESC, id LIMIT ?")
                .params(sloId, limit)
                .query(this::map)
                .list();
    }

    public List<SloBreachView> forIncident(UUID incidentId) {
        return jdbc.sql("SELECT * FROM slo_breaches WHERE incident_id = ? ORDER BY started_at, id")
                .param(incidentId)
                .query(this::map)
                .list();
    }

    private SloBreachView map(ResultSet rs, int row) throws SQLException {
        return new SloBreachView(
                rs.getObject("id", UUID.class),
                rs.getObject("slo_id", UUID.class),
                rs.getString("condition_name"),
                JdbcTime.fromDb(rs, "started_at"),
                JdbcTime.fromDb(rs, "ended_at"),
                rs.getString("priority"),
                rs.getString("priority_reason"),
                (Integer) rs.getObject("classification_version", Integer.class),
                rs.getObject("incident_id", UUID.class),
                rs.getDouble("budget_remaining"),
                (Double) rs.getObject("burn_rate", Double.class),
                rs.getString("summary"));
    }
}
