package dev.klaxon.escalation.internal;

import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TimerStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    TimerStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    void insertAll(Collection<Timer> timers) {
        jdbcTemplate.batchUpdate("""
                INSERT INTO escalation_timers (id, incident_id, step_key, kind, level, cycle, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", List.copyOf(timers), 500, (ps, timer) -> {
            ps.setObject(1, timer.id());
            ps.setObject(2, timer.incidentId());
            ps.setString(3, timer.stepKey());
            ps.setString(4, timer.kind().name());
            ps.setInt(5, timer.level());
            ps.setInt(6, timer.cycle());
            ps.setObject(7, JdbcTime.toDb(timer.dueAt()));
        });
    }

    /**
     * Claims due timers for this transaction. Rows another instance holds are skipped, not waited for, so
     * instances share the work and none processes a step twice.
     */
    List<Timer> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM escalation_timers
                WHERE done_at IS NULL AND due_at <= ?
                ORDER BY due_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED""")
                .params(JdbcTime.toDb(now), limit)
                .query(TimerStore::map)
                .list();
    }

    /**
     * Claims open, not yet staged escalation steps due after {@code now} and up to {@code until}, for staging.
     * Like {@link #claimDue}, rows another instance holds are skipped.
     */
    List<Timer> claimStageable(Instant now, Instant until, int limit) {
        return jdbc.sql("""
                SELECT * FROM escalation_timers
                WHERE staged_at IS NULL AND done_at IS NULL AND kind = 'STEP' AND due_at > ? AND due_at <= ?
                ORDER BY due_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED""")
                .params(JdbcTime.toDb(now), JdbcTime.toDb(until), limit)
                .query(TimerStore::map)
                .list();
    }

    void markStaged(Collection<UUID> timerIds, Instant at) {
        jdbcTemplate.batchUpdate(
                "UPDATE escalation_timers SET staged_at = ? WHERE id = ?", List.copyOf(timerIds), 500, (ps, id) -> {
                    ps.setObject(1, JdbcTime.toDb(at));
                    ps.setObject(2, id);
                });
    }

    /** When the next step that is not staged yet falls due. */
    Optional<Instant> nextUnstaged() {
        return jdbc.sql("""
                SELECT due_at FROM escalation_timers
                WHERE staged_at IS NULL AND done_at IS NULL AND kind = 'STEP'
                ORDER BY due_at LIMIT 1""").query((rs, n) -> JdbcTime.fromDb(rs, "due_at")).optional();
    }

    /** When the next step falls due, so the engine can sleep exactly that long. */
    Optional<Instant> nextDue() {
        // ORDER BY ... LIMIT 1 rather than MIN(): both databases answer it from the (done_at, due_at) index.
        return jdbc.sql("SELECT due_at FROM escalation_timers WHERE done_at IS NULL ORDER BY due_at LIMIT 1")
                .query((rs, n) -> JdbcTime.fromDb(rs, "due_at"))
                .optional();
    }

    record Done(UUID timerId, Outcome outcome) {}

    enum Outcome {
        PAGED,
        NOBODY,
        CANCELLED
    }

    void markDone(Collection<Done> done, Instant at) {
        jdbcTemplate.batchUpdate(
                "UPDATE escalation_timers SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL",
                List.copyOf(done),
                500,
                (ps, d) -> {
                    ps.setObject(1, JdbcTime.toDb(at));
                    ps.setString(2, d.outcome().name());
                    ps.setObject(3, d.timerId());
                });
    }

    List<TimerRow> list(UUID incidentId) {
        return jdbc.sql("SELECT * FROM escalation_timers WHERE incident_id = ? ORDER BY due_at, step_key")
                .param(incidentId)
                .query((rs, n) -> new TimerRow(
                        map(rs, n),
                        JdbcTime.fromDb(rs, "staged_at"),
                        JdbcTime.fromDb(rs, "done_at"),
                        rs.getString("outcome")))
                .list();
    }

    record TimerRow(Timer timer, Instant stagedAt, Instant doneAt, String outcome) {}

    private static Timer map(ResultSet rs, int row) throws SQLException {
        return new Timer(
                rs.getObject("id", UUID.class),
                rs.getObject("incident_id", UUID.class),
                rs.getString("step_key"),
                Timer.Kind.valueOf(rs.getString("kind")),
                rs.getInt("level"),
                rs.getInt("cycle"),
                JdbcTime.fromDb(rs, "due_at"));
    }
}
