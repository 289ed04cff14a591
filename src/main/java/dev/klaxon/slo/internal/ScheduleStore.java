package dev.klaxon.slo.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which SLO is due and who evaluates it. A claim leases due rows that no other caller has locked or leased
 * (the database serialises the claims of a row), so with several instances each due SLO is evaluated once per
 * cycle; a lease that runs out (an instance died mid-evaluation) makes the SLO claimable again.
 */
@Repository
public class ScheduleStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ScheduleStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Claims up to {@code limit} due SLOs that no one holds a lease on: the due rows are locked with {@code SKIP
     * LOCKED} (rows another instance is claiming right now are passed over, not waited for) and leased in the
     * same transaction.
     */
    public List<UUID> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        return tx.execute(s -> {
            List<UUID> due = jdbc.sql("""
                    SELECT slo_id FROM slo_schedule
                    WHERE next_evaluation_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_evaluation_at LIMIT ?
                    FOR UPDATE SKIP LOCKED""")
                    .params(JdbcTime.toDb(now), JdbcTime.toDb(now), limit)
                    .query((rs, n) -> rs.getObject(1, UUID.class))
                    .list();
            if (!due.isEmpty()) {
                jdbc.sql("UPDATE slo_schedule SET lease_until = :until, lease_owner = :owner WHERE slo_id IN (:ids)")
                        .param("until", JdbcTime.toDb(leaseUntil))
                        .param("owner", owner)
                        .param("ids", due)
                        .update();
            }
            return due;
        });
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
        releaseAll(List.of(sloId), owner, evaluatedAt, next);
    }

    /** Gives the leases of these SLOs back; all are due next at {@code next}. */
    public void releaseAll(Collection<UUID> sloIds, String owner, Instant evaluatedAt, Instant next) {
        if (sloIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE slo_schedule SET lease_until = NULL, lease_owner = NULL, last_evaluated_at = :evaluated,
                    next_evaluation_at = :next
                WHERE slo_id IN (:ids) AND lease_owner = :owner""")
                .param("evaluated", JdbcTime.toDb(evaluatedAt))
                .param("next", JdbcTime.toDb(next))
                .param("ids", sloIds)
                .param("owner", owner)
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
