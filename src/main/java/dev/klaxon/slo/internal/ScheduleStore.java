package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which SLO is due and who evaluates it. A claim is a conditional UPDATE that succeeds for exactly one
 * caller (the database serialises updates of a row), so with several instances each due SLO is evaluated
 * once per cycle; a lease that runs out (an instance died mid-evaluation) makes the SLO claimable again.
 */
@Repository
public class ScheduleStore {

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims up to {@code limit} due SLOs that no one holds a lease on. */
    public List<UUID> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        List<UUID> candidates = jdbc.sql("""
                SELECT slo_id FROM slo_schedule
                WHERE next_evaluation_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_evaluation_at LIMIT ?""")
                .params(JdbcTime.toDb(now), JdbcTime.toDb(now), limit)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
        List<UUID> claimed = new ArrayList<>();
        for (UUID id : candidates) {
            int updated = jdbc.sql("""
                    UPDATE slo_schedule SET lease_until = ?, lease_owner = ?
                    WHERE slo_id = ? AND next_evaluation_at <= ? AND (lease_until IS NULL OR lease_until < ?)""")
                    .params(JdbcTime.toDb(leaseUntil), owner, id, JdbcTime.toDb(now), JdbcTime.toDb(now))
                    .update();
            if (updated == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** Claims one SLO whether due or not (evaluate now), unless another evaluation holds it. */
    public boolean claim(UUID sloId, Instant now, String owner, Instant leaseUntil) {
        return jdbc.sql("""
                UPDATE slo_schedule SET lease_until = ?, lease_owner = ?
                WHERE slo_id = ? AND (lease_until IS NULL OR lease_until < ?)""")
                        .params(JdbcTime.toDb(leaseUntil), owner, sloId, JdbcTime.toDb(now))
                        .update()
                == 1;
    }

    /** Gives the lease back and sets when the SLO is due next. */
    public void release(UUID sloId, String owner, Instant evaluatedAt, Instant next) {
        jdbc.sql("""
                UPDATE slo_schedule SET lease_until = NULL, lease_owner = NULL, last_evaluated_at = ?,
                    next_evaluation_at = ?
                WHERE slo_id = ? AND lease_owner = ?""")
                .params(JdbcTime.toDb(evaluatedAt), JdbcTime.toDb(next), sloId, owner)
                .update();
    }

    /** Releases without recording an evaluation (it failed); retried at {@code next}. */
    public void abandon(UUID sloId, String owner, Instant next) {
        jdbc.sql("""
                UPDATE slo_schedule SET lease_until = NULL, lease_owner = NULL, next_evaluation_at = ?
                WHERE slo_id = ? AND lease_owner = ?""").params(JdbcTime.toDb(next), sloId, owner).update();
    }

    public void reschedule(UUID sloId, Instant next) {
        jdbc.sql("UPDATE slo_schedule SET next_evaluation_at = ? WHERE slo_id = ?")
                .params(JdbcTime.toDb(next), sloId)
                .update();
    }
}
