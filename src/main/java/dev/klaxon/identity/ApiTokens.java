package dev.klaxon.identity;

import dev.klaxon.common.Ids;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.common.Secrets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal API tokens for scripts and tools: {@code Authorization: Bearer kx_...}. */
@Service
public class ApiTokens {

    static final String PREFIX = "kx_";

    private static final RowMapper<ApiTokenView> ROW = (rs, n) -> new ApiTokenView(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getString("token_prefix"),
            JdbcTime.fromDb(rs, "created_at"),
            JdbcTime.fromDb(rs, "last_used_at"),
            JdbcTime.fromDb(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public CreatedApiToken create(UUID userId, String name) {
        String secret = PREFIX + Secrets.randomAlphanumeric(40);
        var view =
                new ApiTokenView(Ids.timeOrdered(), name.strip(), secret.substring(0, 10), clock.instant(), null, null);
        jdbc.sql("""
                INSERT INTO identity_api_tokens (id, user_id, name, token_hash, token_prefix, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        view.id(),
                        userId,
                        view.name(),
                        Secrets.sha256Hex(secret),
                        view.prefix(),
                        JdbcTime.toDb(view.createdAt()))
                .update();
        return new CreatedApiToken(view, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiTokenView> list(UUID userId) {
        return jdbc.sql("SELECT * FROM identity_api_tokens WHERE user_id = ? ORDER BY created_at DESC")
                .param(userId)
                .query(ROW)
                .list();
    }

    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        int updated = jdbc.sql(
                        "UPDATE identity_api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?")
                .params(JdbcTime.toDb(clock.instant()), tokenId, userId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("API token", tokenId);
        }
    }

    /** The user a presented token belongs to, if the token exists and is not revoked. */
    @Transactional
    public Optional<KlaxonUser> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(presented);
        Optional<KlaxonUser> user = jdbc.sql("""
                SELECT u.id, u.username, u.display_name, u.admin FROM identity_api_tokens t
                JOIN identity_users u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL""")
                .param(hash)
                .query((rs, n) -> new KlaxonUser(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getBoolean("admin"),
                        null))
                .optional();
        user.ifPresent(u -> jdbc.sql("UPDATE identity_api_tokens SET last_used_at = ? WHERE token_hash = ?")
                .params(JdbcTime.toDb(clock.instant()), hash)
                .update());
        return user;
    }
}
