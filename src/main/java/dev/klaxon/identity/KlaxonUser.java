package dev.klaxon.identity;

import dev.klaxon.common.Actor;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person, whichever way they authenticated (form login, HTTP Basic or an API token).
 * Controllers take it with {@code @AuthenticationPrincipal KlaxonUser me}.
 */
public final class KlaxonUser implements UserDetails {

    private final UUID id;
    private final String username;
    private final String name;
    private final boolean admin;
    private final String passwordHash;

    public KlaxonUser(UUID id, String username, String name, boolean admin, String passwordHash) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.admin = admin;
        this.passwordHash = passwordHash;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean admin() {
        return admin;
    }

    public Actor actor() {
        return Actor.user(id, name);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return admin
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** A copy without the password hash, safe to keep in a session or a security context. */
    public KlaxonUser withoutCredentials() {
        return new KlaxonUser(id, username, name, admin, null);
    }
}
