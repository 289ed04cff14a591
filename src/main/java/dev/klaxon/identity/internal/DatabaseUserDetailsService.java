package dev.klaxon.identity.internal;

import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.identity.OrganisationRole;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class DatabaseUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;

    DatabaseUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public KlaxonUser loadUserByUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, org_role, active, password_hash
                        FROM identity_users WHERE username = ?""")
                .param(username)
                .query((rs, n) -> new KlaxonUser(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        OrganisationRole.parse(rs.getString("org_role"), "org_role"),
                        rs.getBoolean("active"),
                        false,
                        // A user without a password can use API tokens but never a password login.
                        rs.getString("password_hash") == null ? "{noop-disabled}" : rs.getString("password_hash")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
