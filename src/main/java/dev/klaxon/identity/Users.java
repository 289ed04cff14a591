package dev.klaxon.identity;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
            rs.getBoolean("admin"),
            JdbcTime.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordEncoder passwordEncoder;

    Users(JdbcClient jdbc, Clock clock, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.passwordEncoder = passwordEncoder;
    }

    /** Creates a user; {@code password} may be null for people who only get paged and use API tokens. */
    @Transactional
    public UserView create(String username, String name, String email, String password, boolean admin) {
        var user = new UserView(Ids.timeOrdered(), username.strip(), name.strip(), email, admin, clock.instant());
        try {
            jdbc.sql("""
                    INSERT INTO identity_users (id, username, display_name, email, password_hash, admin, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            user.id(),
                            user.username(),
                            user.name(),
                            user.email(),
                            password == null ? null : passwordEncoder.encode(password),
                            admin,
                            JdbcTime.toDb(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user named '" + user.username() + "' already exists");
        }
        return user;
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
}
