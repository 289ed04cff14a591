package dev.klaxon.oncall.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code oncall_calendar_feeds}: the SHA-256 of each feed token, never the token. */
@Repository
public class FeedStore {

    public record Row(
            UUID id,
            String kind,
            UUID subjectId,
            String tokenPrefix,
            String createdBy,
            Instant createdAt,
            String revokedBy,
            Instant revokedAt) {}

    private final JdbcClient jdbc;

    FeedStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, String kind, UUID subjectId, String tokenHash, String prefix, Actor by, Instant at) {
        jdbc.sql("""
                INSERT INTO oncall_calendar_feeds
                    (id, kind, subject_id, token_hash, token_prefix, created_by_id, created_by_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind, subjectId, tokenHash, prefix, by.id(), by.name(), JdbcTime.toDb(at))
                .update();
    }

    public List<Row> list(String kind, UUID subjectId) {
        return jdbc.sql("SELECT * FROM oncall_calendar_feeds WHERE kind = ? AND subject_id = ? ORDER BY created_at")
                .params(kind, subjectId)
                .query(this::map)
                .list();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT * FROM oncall_calendar_feeds WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The feed a token hash belongs to, if it has not been revoked. */
    public Optional<Row> findActiveByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM oncall_calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL")
                .param(tokenHash)
                .query(this::map)
                .optional();
    }

    public boolean revoke(UUID id, Actor by, Instant at) {
        return jdbc.sql("""
                        UPDATE oncall_calendar_feeds SET revoked_by_name = ?, revoked_at = ?
                        WHERE id = ? AND revoked_at IS NULL""").params(by.name(), JdbcTime.toDb(at), id).update() == 1;
    }

    /** Revokes the feeds that show the person and those they made (a feed URL is a secret they took with them). */
    public int revokeAllOf(UUID userId, Actor by, Instant at) {
        return jdbc.sql("""
                        UPDATE oncall_calendar_feeds SET revoked_by_name = ?, revoked_at = ?
                        WHERE revoked_at IS NULL AND ((kind = 'USER' AND subject_id = ?) OR created_by_id = ?)""")
                .params(by.name(), JdbcTime.toDb(at), userId, userId)
                .update();
    }

    public void deleteAll(String kind, UUID subjectId) {
        jdbc.sql("DELETE FROM oncall_calendar_feeds WHERE kind = ? AND subject_id = ?")
                .params(kind, subjectId)
                .update();
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getObject("subject_id", UUID.class),
                rs.getString("token_prefix"),
                rs.getString("created_by_name"),
                JdbcTime.fromDb(rs, "created_at"),
                rs.getString("revoked_by_name"),
                JdbcTime.fromDb(rs, "revoked_at"));
    }
}
