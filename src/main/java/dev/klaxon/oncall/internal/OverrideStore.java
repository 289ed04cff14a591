package dev.klaxon.oncall.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.oncall.OverrideView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code oncall_overrides}; cancelling keeps the row and records who cancelled. */
@Repository
public class OverrideStore {

    private final JdbcClient jdbc;

    OverrideStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OverrideView o) {
        jdbc.sql("""
                INSERT INTO oncall_overrides (id, rotation_id, user_id, replaces_user_id, starts_at, ends_at, swap_id,
                    created_by_id, created_by_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        o.id(),
                        o.rotationId(),
                        o.userId(),
                        o.replacesUserId(),
                        JdbcTime.toDb(o.from()),
                        JdbcTime.toDb(o.until()),
                        o.swapId(),
                        o.createdById(),
                        o.createdBy(),
                        JdbcTime.toDb(o.createdAt()))
                .update();
    }

    public Optional<OverrideView> find(UUID id) {
        return jdbc.sql("SELECT * FROM oncall_overrides WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** All overrides of a rotation, cancelled ones included, newest first. */
    public List<OverrideView> list(UUID rotationId) {
        return jdbc.sql("SELECT * FROM oncall_overrides WHERE rotation_id = ? ORDER BY starts_at DESC, created_at DESC")
                .param(rotationId)
                .query(this::map)
                .list();
    }

    /** Active overrides of a rotation that end after {@code after}, oldest first (later ones win). */
    public List<OverrideView> activeEndingAfter(UUID rotationId, Instant after) {
        return jdbc.sql("""
                SELECT * FROM oncall_overrides
                WHERE rotation_id = ? AND cancelled_at IS NULL AND ends_at > ?
                ORDER BY created_at, id""")
                .params(rotationId, JdbcTime.toDb(after))
                .query(this::map)
                .list();
    }

    /** Cancels one override, or both of a swap; returns how many rows changed. */
    public int cancel(OverrideView o, Actor by, Instant at) {
        if (o.swapId() != null) {
            return jdbc.sql("""
                    UPDATE oncall_overrides SET cancelled_by_id = ?, cancelled_by_name = ?, cancelled_at = ?
                    WHERE swap_id = ? AND cancelled_at IS NULL""")
                    .params(by.id(), by.name(), JdbcTime.toDb(at), o.swapId())
                    .update();
        }
        return jdbc.sql("""
                UPDATE oncall_overrides SET cancelled_by_id = ?, cancelled_by_name = ?, cancelled_at = ?
                WHERE id = ? AND cancelled_at IS NULL""")
                .params(by.id(), by.name(), JdbcTime.toDb(at), o.id())
                .update();
    }

    private OverrideView map(ResultSet rs, int row) throws SQLException {
        return new OverrideView(
                rs.getObject("id", UUID.class),
                rs.getObject("rotation_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("replaces_user_id", UUID.class),
                JdbcTime.fromDb(rs, "starts_at"),
                JdbcTime.fromDb(rs, "ends_at"),
                rs.getObject("swap_id", UUID.class),
                rs.getObject("created_by_id", UUID.class),
                rs.getString("created_by_name"),
                JdbcTime.fromDb(rs, "created_at"),
                rs.getString("cancelled_by_name"),
                JdbcTime.fromDb(rs, "cancelled_at"));
    }
}
