package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where pulling stands per SLO. Only the instance that holds the SLO's evaluation lease writes its row, so an
 * update-then-insert is enough.
 */
@Repository
public class PullStore {

    private final JdbcClient jdbc;

    PullStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record State(
            Instant pulledUntil,
            Instant lastAttemptAt,
            Instant lastSuccessAt,
            String lastError,
            Instant lastErrorAt,
            int consecutiveFailures) {}

    public Optional<State> find(UUID sloId) {
        return jdbc.sql("SELECT * FROM slo_pull_state WHERE slo_id = ?")
                .param(sloId)
                .query((rs, n) -> new State(
                        JdbcTime.fromDb(rs, "pulled_until"),
                        JdbcTime.fromDb(rs, "last_attempt_at"),
                        JdbcTime.fromDb(rs, "last_success_at"),
                        rs.getString("last_error"),
                        JdbcTime.fromDb(rs, "last_error_at"),
                        rs.getInt("consecutive_failures")))
                .optional();
    }

    void succeeded(UUID sloId, Instant pulledUntil, Instant at) {
        int updated = jdbc.sql("""
                UPDATE slo_pull_state SET pulled_until = ?, last_attempt_at = ?, last_success_at = ?,
                    consecutive_failures = 0
                WHERE slo_id = ?""")
                .params(JdbcTime.toDb(pulledUntil), JdbcTime.toDb(at), JdbcTime.toDb(at), sloId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO slo_pull_state (slo_id, pulled_until, last_attempt_at, last_success_at,
                        consecutive_failures)
                    VALUES (?, ?, ?, ?, 0)""")
                    .params(sloId, JdbcTime.toDb(pulledUntil), JdbcTime.toDb(at), JdbcTime.toDb(at))
                    .update();
        }
    }

    /** A failed pull; {@code pulledUntil} moves forward if some intervals were pulled before the failure. */
    void failed(UUID sloId, Instant pulledUntil, String error, Instant at) {
        String message = error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        int updated = pulledUntil == null
                ? jdbc.sql("""
                        UPDATE slo_pull_state SET last_attempt_at = ?, last_error = ?, last_error_at = ?,
                            consecutive_failures = consecutive_failures + 1
                        WHERE slo_id = ?""")
                        .params(JdbcTime.toDb(at), message, JdbcTime.toDb(at), sloId)
                        .update()
                : jdbc.sql("""
                        UPDATE slo_pull_state SET pulled_until = ?, last_attempt_at = ?, last_error = ?,
                            last_error_at = ?, consecutive_failures = consecutive_failures + 1
                        WHERE slo_id = ?""")
                        .params(JdbcTime.toDb(pulledUntil), JdbcTime.toDb(at), message, JdbcTime.toDb(at), sloId)
                        .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO slo_pull_state (slo_id, pulled_until, last_attempt_at, last_error, last_error_at,
                        consecutive_failures)
                    VALUES (?, ?, ?, ?, ?, 1)""")
                    .params(sloId, JdbcTime.toDb(pulledUntil), JdbcTime.toDb(at), message, JdbcTime.toDb(at))
                    .update();
        }
    }
}
