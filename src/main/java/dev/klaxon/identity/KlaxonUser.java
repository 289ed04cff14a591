package dev.klaxon.identity;

import dev.klaxon.common.Actor;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in principal, whichever way they authenticated (form login, HTTP Basic or an API token). It says who
 * signed in, not what they may do: that is the {@link Caller}, built from the database for every request, which
 * controllers take as a parameter.
 */
public final class KlaxonUser implements UserDetails {

    private final UUID id;
    private final String username;
    private final String name;
    private final OrganisationRole role;
    private final boolean active;
    private final boolean readOnly;
    private final String passwordHash;

    public KlaxonUser(
            UUID id,
            String username,
            String name,
            OrganisationRole role,
            boolean active,
            boolean readOnly,
            String passwordHash) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.role = role;
        this.active = active;
        this.readOnly = readOnly;
        this.passwordHash = passwordHash;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Whether this principal came from a read-only API token. */
    public boolean readOnly() {
        return readOnly;
    }

    public Actor actor() {
        return Actor.user(id, name);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return role == OrganisationRole.ADMIN
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

    /** Deactivated people cannot sign in; Spring Security refuses a disabled account after checking the password. */
    @Override
    public boolean isEnabled() {
        return active;
    }

    /** A copy without the password hash, safe to keep in a session or a security context. */
    public KlaxonUser withoutCredentials() {
        return new KlaxonUser(id, username, name, role, active, readOnly, null);
    }
}
