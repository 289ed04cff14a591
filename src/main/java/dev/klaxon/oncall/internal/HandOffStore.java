package dev.klaxon.oncall.internal;

import dev.klaxon.common.JdbcTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code oncall_handoffs}: per rotation the next change of person not yet announced. Claims lock the row
 * ({@code FOR UPDATE SKIP LOCKED}) for the claiming transaction, and the advance is conditional on the
 * claimed value, so with several instances each change is announced once.
 */
@Repository
public class HandOffStore {

    public record Due(UUID rotationId, Instant nextAt) {}

    private final JdbcClient jdbc;

    HandOffStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID rotationId, Instant nextAt) {
        jdbc.sql("INSERT INTO oncall_handoffs (rotation_id, next_at) VALUES (?, ?)")
                .params(rotationId, JdbcTime.toDb(nextAt))
                .update();
    }

    /** Locks up to {@code limit} due rows no other transaction holds; call inside a transaction. */
    public List<Due> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT rotation_id, next_at FROM oncall_handoffs WHERE next_at <= ?
                ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(JdbcTime.toDb(now), limit)
                .query((rs, n) -> new Due(rs.getObject("rotation_id", UUID.class), JdbcTime.fromDb(rs, "next_at")))
                .list();
    }

    /** Moves a claimed row on; false when someone else already did (then announce nothing). */
    public boolean advance(UUID rotationId, Instant claimed, Instant next, Instant announced) {
        return jdbc.sql("""
                        UPDATE oncall_handoffs SET next_at = ?, last_announced_at = COALESCE(?, last_announced_at)
                        WHERE rotation_id = ? AND next_at = ?""")
                        .params(JdbcTime.toDb(next), JdbcTime.toDb(announced), rotationId, JdbcTime.toDb(claimed))
                        .update()
                == 1;
    }

    /**
     * After a change to the rotation or its overrides: the next change is recomputed, unless a passed one is
     * still waiting to be announced (then the worker recomputes when it announces).
     */
    public void reschedule(UUID rotationId, Instant now, Instant next) {
        jdbc.sql("UPDATE oncall_handoffs SET next_at = ? WHERE rotation_id = ? AND next_at > ?")
                .params(JdbcTime.toDb(next), rotationId, JdbcTime.toDb(now))
                .update();
    }
}
