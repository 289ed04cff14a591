package dev.klaxon.identity;

import dev.klaxon.common.ConflictException;
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
            rs.getBoolean("read_only"),
            JdbcTime.fromDb(rs, "created_at"),
            JdbcTime.fromDb(rs, "last_used_at"),
            JdbcTime.fromDb(rs, "revoked_at"));

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token for the caller themselves; a read-only one can read everything they can but change nothing. */
    @Transactional
    public CreatedApiToken create(String name, boolean readOnly, Caller by) {
        by.require(Permission.OWN_ACCOUNT_MANAGE);
        UUID userId = by.userId().orElseThrow(() -> new ConflictException("Only a person can hold API tokens"));
        String secret = PREFIX + Secrets.randomAlphanumeric(40);
        var view = new ApiTokenView(
                Ids.timeOrdered(), name.strip(), secret.substring(0, 10), readOnly, clock.instant(), null, null);
        jdbc.sql("""
                INSERT INTO identity_api_tokens (id, user_id, name, token_hash, token_prefix, read_only, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        view.id(),
                        userId,
                        view.name(),
                        Secrets.sha256Hex(secret),
                        view.prefix(),
                        readOnly,
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

    /** Revokes one of the caller's own tokens. */
    @Transactional
    public void revoke(UUID tokenId, Caller by) {
        by.require(Permission.OWN_ACCOUNT_MANAGE);
        UUID userId = by.userId().orElseThrow(() -> new NotFoundException("API token", tokenId));
        int updated = jdbc.sql(
                        "UPDATE identity_api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?")
                .params(JdbcTime.toDb(clock.instant()), tokenId, userId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("API token", tokenId);
        }
    }

    /** The user a presented token belongs to, if the token exists, is not revoked and its user is active. */
    @Transactional
    public Optional<KlaxonUser> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(presented);
        Optional<KlaxonUser> user = jdbc.sql("""
                SELECT u.id, u.username, u.display_name, u.org_role, t.read_only FROM identity_api_tokens t
                JOIN identity_users u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = TRUE""")
                .param(hash)
                .query((rs, n) -> new KlaxonUser(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        OrganisationRole.parse(rs.getString("org_role"), "org_role"),
                        true,
                        rs.getBoolean("read_only"),
                        null))
                .optional();
        user.ifPresent(u -> jdbc.sql("UPDATE identity_api_tokens SET last_used_at = ? WHERE token_hash = ?")
                .params(JdbcTime.toDb(clock.instant()), hash)
                .update());
        return user;
    }
}
