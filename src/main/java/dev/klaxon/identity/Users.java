package dev.klaxon.identity;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People who sign in, get paged and act on incidents. */
@Service
public class Users {

    static final RowMapper<UserView> ROW = (rs, n) -> new UserView(
            rs.getObject("id", UUID.class),
            rs.getString("username"),
            rs.getString("display_name"),
            rs.getString("email"),
            OrganisationRole.valueOf(rs.getString("org_role").toUpperCase(java.util.Locale.ROOT)),
            rs.getBoolean("active"),
            JdbcTime.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwordEncoder;
    // Looked up when used: the handlers' modules depend on identity, so they cannot be constructor dependencies here.
    private final ObjectProvider<UserDeactivationHandler> deactivationHandlers;

    Users(
            JdbcClient jdbc,
            Clock clock,
            PasswordEncoder passwordEncoder,
            ObjectProvider<UserDeactivationHandler> deactivationHandlers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.passwordEncoder = passwordEncoder;
        this.deactivationHandlers = deactivationHandlers;
    }

    /** Creates a user; {@code password} may be null for people who only get paged and use API tokens. */
    @Transactional
    public UserView create(
            String username, String name, String email, String password, OrganisationRole role, Caller by) {
        by.require(Permission.USERS_MANAGE);
        var user = new UserView(Ids.timeOrdered(), username.strip(), name.strip(), email, role, true, clock.instant());
        try {
            jdbc.sql("""
                    INSERT INTO identity_users (id, username, display_name, email, password_hash, org_role, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            user.id(),
                            user.username(),
                            user.name(),
                            user.email(),
                            password == null ? null : passwordEncoder.encode(password),
                            role.key(),
                            JdbcTime.toDb(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user named '" + user.username() + "' already exists");
        }
        return user;
    }

    /**
     * Changes a user. People may change their own name and e-mail; role and deactivation need {@code users.manage}.
     * The last active administrator cannot be demoted or deactivated, and nobody deactivates themselves.
     */
    @Transactional
    public UserUpdate update(UUID id, UserChanges changes, Caller by) {
        // The person and every active administrator, locked in one statement in id order: two administrators
        // demoted at once wait for each other instead of deadlocking, and the second sees the first's change.
        List<UserView> locked = jdbc.sql("""
                        SELECT * FROM identity_users WHERE id = ? OR (org_role = 'admin' AND active = TRUE)
                        ORDER BY id FOR UPDATE""").param(id).query(ROW).list();
        UserView current = locked.stream()
                .filter(u -> u.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("User", id));
        if (changes.role() != null || changes.active() != null) {
            by.require(Permission.USERS_MANAGE);
        } else {
            by.requireSelfOr(id, Permission.USERS_MANAGE);
        }
        OrganisationRole role = changes.role() != null ? changes.role() : current.role();
        boolean active = changes.active() != null ? changes.active() : current.active();
        if (!active && current.active() && by.isUser(id)) {
            throw new ConflictException("You cannot deactivate yourself; ask another administrator");
        }
        boolean losesAdmin = current.active()
                && current.role() == OrganisationRole.ADMIN
                && (role != OrganisationRole.ADMIN || !active);
        long activeAdmins = locked.stream()
                .filter(u -> u.role() == OrganisationRole.ADMIN && u.active())
                .count();
        if (losesAdmin && activeAdmins <= 1) {
            throw new ConflictException("'" + current.username()
                    + "' is the last active administrator; make someone else an administrator first");
        }
        var updated = new UserView(
                id,
                current.username(),
                changes.name() != null ? changes.name().strip() : current.name(),
                changes.email() != null ? emptyToNull(changes.email().strip()) : current.email(),
                role,
                active,
                current.createdAt());
        jdbc.sql("""
                UPDATE identity_users SET display_name = ?, email = ?, org_role = ?, active = ?,
                    deactivated_at = CASE WHEN ? THEN NULL ELSE COALESCE(deactivated_at, ?) END
                WHERE id = ?""")
                .params(updated.name(), updated.email(), role.key(), active, active, JdbcTime.toDb(clock.instant()), id)
                .update();
        List<String> warnings = new ArrayList<>();
        if (role == OrganisationRole.VIEWER && current.role() != OrganisationRole.VIEWER) {
            warnings.addAll(leaveAllTeams(updated, "viewers hold no team roles"));
        }
        if (!active && current.active()) {
            jdbc.sql("UPDATE identity_api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                    .params(JdbcTime.toDb(clock.instant()), id)
                    .update();
            for (var handler : deactivationHandlers.orderedStream().toList()) {
                warnings.addAll(handler.deactivated(updated));
            }
        }
        return new UserUpdate(updated, List.copyOf(warnings));
    }

    /** A person changes their own password; the current one must be given. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword, Caller by) {
        by.require(Permission.OWN_ACCOUNT_MANAGE);
        UUID id = by.userId().orElseThrow(() -> new ConflictException("Only a person has a password"));
        String hash = jdbc.sql("SELECT password_hash FROM identity_users WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
        if (hash == null || currentPassword == null || !passwordEncoder.matches(currentPassword, hash)) {
            throw InvalidInputException.of("currentPassword", "is not your current password");
        }
        setPassword(id, newPassword);
    }

    /** An administrator sets someone's password (a forgotten one, or a first one for a person who had none). */
    @Transactional
    public void resetPassword(UUID id, String newPassword, Caller by) {
        by.require(Permission.USERS_MANAGE);
        get(id);
        setPassword(id, newPassword);
    }

    /**
     * The caller for a signed-in person, built from the database on each request so role changes count at once;
     * empty when the user no longer exists or is deactivated.
     */
    @Transactional(readOnly = true)
    public Optional<Caller> caller(UUID userId, boolean readOnlyToken) {
        Optional<UserView> user = find(userId).filter(UserView::active);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, TeamRole> teams = new LinkedHashMap<>();
        jdbc.sql("SELECT team_id, team_role FROM identity_team_members WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> Map.entry(
                        rs.getObject("team_id", UUID.class), TeamRole.parse(rs.getString("team_role"), "team_role")))
                .list()
                .forEach(e -> teams.put(e.getKey(), e.getValue()));
        return Optional.of(Caller.user(userId, user.get().name(), user.get().role(), teams, readOnlyToken));
    }

    @Transactional(readOnly = true)
    public List<UserView> list() {
        return jdbc.sql("SELECT * FROM identity_users ORDER BY username")
                .query(ROW)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(UUID id) {
        return jdbc.sql("SELECT * FROM identity_users WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    /** The users with these ids that exist, by id. */
    @Transactional(readOnly = true)
    public Map<UUID, UserView> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UserView> users = new HashMap<>();
        jdbc.sql("SELECT * FROM identity_users WHERE id IN (:ids)")
                .param("ids", ids)
                .query(ROW)
                .list()
                .forEach(u -> users.put(u.id(), u));
        return users;
    }

    public UserView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    @Transactional(readOnly = true)
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM identity_users").query(Long.class).single();
    }

    private List<String> leaveAllTeams(UserView user, String why) {
        List<String> teamNames =
                jdbc.sql("""
                SELECT t.name FROM identity_team_members m JOIN identity_teams t ON t.id = m.team_id
                WHERE m.user_id = ? ORDER BY t.name""").param(user.id()).query(String.class).list();
        jdbc.sql("DELETE FROM identity_team_members WHERE user_id = ?")
                .param(user.id())
                .update();
        return teamNames.stream()
                .map(team -> user.name() + " left the team " + team + " (" + why + ")")
                .toList();
    }

    private void setPassword(UUID id, String newPassword) {
        if (newPassword == null || newPassword.length() < 12 || newPassword.length() > 200) {
            throw InvalidInputException.of("newPassword", "must be between 12 and 200 characters");
        }
        jdbc.sql("UPDATE identity_users SET password_hash = ? WHERE id = ?")
                .params(passwordEncoder.encode(newPassword), id)
                .update();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
