package dev.klaxon.escalation.internal;

import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RunStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    RunStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    void insertAll(List<Run> newRuns) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO escalation_runs (incident_id, incident_number, team_id, policy_id, status, level, cycle,
                    renotify_count, pending_step, acknowledged_by_id, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", newRuns, 500, (ps, run) -> {
            ps.setObject(1, run.incidentId());
            ps.setLong(2, run.incidentNumber());
            ps.setObject(3, run.teamId());
            ps.setObject(4, run.policyId());
            ps.setString(5, run.status().name());
            ps.setInt(6, run.level());
            ps.setInt(7, run.cycle());
            ps.setInt(8, run.renotifyCount());
            ps.setString(9, run.pendingStep());
            ps.setObject(10, run.acknowledgedById());
            ps.setObject(11, JdbcTime.toDb(run.startedAt()));
            ps.setObject(12, JdbcTime.toDb(run.updatedAt()));
        });
    }

    Optional<Run> find(UUID incidentId) {
        return jdbc.sql("SELECT * FROM escalation_runs WHERE incident_id = ?")
                .param(incidentId)
                .query(RunStore::map)
                .optional();
    }

    /** Locks one run for a change made by a person or an incident event. */
    Optional<Run> lock(UUID incidentId) {
        return jdbc.sql("SELECT * FROM escalation_runs WHERE incident_id = ? FOR UPDATE")
                .param(incidentId)
                .query(RunStore::map)
                .optional();
    }

    /** Locks the runs of a claimed batch in id order, so two lockers never wait on each other crosswise. */
    Map<UUID, Run> lockAll(Collection<UUID> incidentIds) {
        Map<UUID, Run> runs = new LinkedHashMap<>();
        if (incidentIds.isEmpty()) {
            return runs;
        }
        jdbc.sql("SELECT * FROM escalation_runs WHERE incident_id IN (:ids) ORDER BY incident_id FOR UPDATE")
                .param("ids", incidentIds)
                .query(RunStore::map)
                .list()
                .forEach(run -> runs.put(run.incidentId(), run));
        return runs;
    }

    void update(Run run) {
        updateAll(List.of(run));
    }

    void updateAll(Collection<Run> runs) {
        jdbcTemplate.batchUpdate("""
                UPDATE escalation_runs SET status = ?, level = ?, cycle = ?, renotify_count = ?, pending_step = ?,
                    acknowledged_by_id = ?, updated_at = ?
                WHERE incident_id = ?""", List.copyOf(runs), 500, (ps, run) -> {
            ps.setString(1, run.status().name());
            ps.setInt(2, run.level());
            ps.setInt(3, run.cycle());
            ps.setInt(4, run.renotifyCount());
            ps.setString(5, run.pendingStep());
            ps.setObject(6, run.acknowledgedById());
            ps.setObject(7, JdbcTime.toDb(run.updatedAt()));
            ps.setObject(8, run.incidentId());
        });
    }

    private static Run map(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getObject("incident_id", UUID.class),
                rs.getLong("incident_number"),
                rs.getObject("team_id", UUID.class),
                rs.getObject("policy_id", UUID.class),
                RunStatus.valueOf(rs.getString("status")),
                rs.getInt("level"),
                rs.getInt("cycle"),
                rs.getInt("renotify_count"),
                rs.getString("pending_step"),
                rs.getObject("acknowledged_by_id", UUID.class),
                JdbcTime.fromDb(rs, "started_at"),
                JdbcTime.fromDb(rs, "updated_at"));
    }
}
