package dev.klaxon.identity;

import dev.klaxon.common.Actor;
import dev.klaxon.common.ForbiddenException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is asking, and what they may do: passed to every facade method that changes something, which checks the
 * permission it needs with {@link #require(Permission, UUID)} before acting and records {@link #actor()}.
 *
 * <p>A person's caller is built per request from the database (so a changed role counts at once); background work
 * acts as {@link #system()}; an action whose authority comes from a secret (a signed acknowledge link) acts as
 * {@link #delegated} with exactly the permissions the secret grants. A read-only API token's caller holds no
 * permission at all.
 */
public final class Caller {

    private static final Set<Permission> ALL = Collections.unmodifiableSet(EnumSet.allOf(Permission.class));
    private static final Caller SYSTEM = new Caller(Actor.SYSTEM, null, null, Map.of(), false, ALL);

    private final Actor actor;
    private final UUID userId;
    private final OrganisationRole role;
    private final Map<UUID, TeamRole> teams;
    private final boolean readOnly;
    private final Set<Permission> everywhere;

    private Caller(
            Actor actor,
            UUID userId,
            OrganisationRole role,
            Map<UUID, TeamRole> teams,
            boolean readOnly,
            Set<Permission> everywhere) {
        this.actor = Objects.requireNonNull(actor, "actor");
        this.userId = userId;
        this.role = role;
        this.teams = Collections.unmodifiableMap(new LinkedHashMap<>(teams));
        this.readOnly = readOnly;
        this.everywhere = everywhere;
    }

    /** A signed-in person (or their API token) with their organisation role and team roles. */
    public static Caller user(
            UUID userId, String name, OrganisationRole role, Map<UUID, TeamRole> teams, boolean readOnly) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Map<UUID, TeamRole> effectiveTeams = RolePermissions.mayHoldTeamRoles(role) ? teams : Map.of();
        return new Caller(Actor.user(userId, name), userId, role, effectiveTeams, readOnly, RolePermissions.of(role));
    }

    /** Klaxon's own background work: escalation steps, evaluations, hand-offs. Holds every permission. */
    public static Caller system() {
        return SYSTEM;
    }

    /**
     * Someone acting through a secret that was handed to them (a signed acknowledge link), recorded as {@code actor},
     * holding exactly {@code permissions} in every team and nothing else.
     */
    public static Caller delegated(Actor actor, Set<Permission> permissions) {
        return new Caller(
                actor,
                actor.type() == Actor.Type.USER ? actor.id() : null,
                null,
                Map.of(),
                false,
                Collections.unmodifiableSet(EnumSet.copyOf(permissions)));
    }

    public Actor actor() {
        return actor;
    }

    /** The person behind this caller, if there is one. */
    public Optional<UUID> userId() {
        return Optional.ofNullable(userId);
    }

    /** The organisation role; empty for the system and delegated callers. */
    public Optional<OrganisationRole> role() {
        return Optional.ofNullable(role);
    }

    /** The caller's team roles by team id. */
    public Map<UUID, TeamRole> teams() {
        return teams;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean isUser(UUID id) {
        return userId != null && userId.equals(id);
    }

    /** Whether the caller holds an organisation permission (or a team permission in every team). */
    public boolean can(Permission permission) {
        return !readOnly && everywhere.contains(permission);
    }

    /** Whether the caller holds a permission in a team: everywhere, or through their role in that team. */
    public boolean can(Permission permission, UUID teamId) {
        if (can(permission)) {
            return true;
        }
        if (readOnly || teamId == null || permission.scope() != Permission.Scope.TEAM) {
            return false;
        }
        TeamRole teamRole = teams.get(teamId);
        return teamRole != null && RolePermissions.of(teamRole).contains(permission);
    }

    /** Whether the caller holds a permission in at least one of these teams. */
    public boolean canInAny(Permission permission, Collection<UUID> teamIds) {
        return can(permission) || teamIds.stream().anyMatch(team -> can(permission, team));
    }

    /** The organisation permissions the caller holds (the ones that hold everywhere). */
    public Set<Permission> permissions() {
        if (readOnly) {
            return Set.of();
        }
        return everywhere;
    }

    /** The permissions the caller holds in a team, the organisation-wide ones included. */
    public Set<Permission> permissions(UUID teamId) {
        return Collections.unmodifiableSet(EnumSet.allOf(Permission.class).stream()
                .filter(p -> can(p, teamId))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class))));
    }

    /** The teams in which the caller holds a permission (for an admin: only the teams they are a member of). */
    public Set<UUID> teamsWith(Permission permission) {
        return teams.keySet().stream().filter(team -> can(permission, team)).collect(Collectors.toUnmodifiableSet());
    }

    /** For templates: {@link #can(Permission)} by the permission's key, e.g. {@code caller.may('users.manage')}. */
    public boolean may(String permissionKey) {
        return can(Permission.byKey(permissionKey));
    }

    /** For templates: {@link #can(Permission, UUID)} by the permission's key. */
    public boolean may(String permissionKey, UUID teamId) {
        return can(Permission.byKey(permissionKey), teamId);
    }

    public void require(Permission permission) {
        if (!can(permission)) {
            throw refused(permission, null);
        }
    }

    public void require(Permission permission, UUID teamId) {
        if (!can(permission, teamId)) {
            throw refused(permission, teamId);
        }
    }

    public void requireInAny(Permission permission, Collection<UUID> teamIds) {
        if (!canInAny(permission, teamIds)) {
            throw refused(permission, teamIds.size() == 1 ? teamIds.iterator().next() : null);
        }
    }

    /**
     * For things that belong to one person (contact methods, personal feeds, password): the person themselves with
     * {@code account.manage}, or anyone with {@code users.manage}.
     */
    public void requireSelfOr(UUID ownerId, Permission otherwise) {
        if (isUser(ownerId) && can(Permission.OWN_ACCOUNT_MANAGE)) {
            return;
        }
        if (!can(otherwise)) {
            throw refused(isUser(ownerId) ? Permission.OWN_ACCOUNT_MANAGE : otherwise, null);
        }
    }

    /**
     * Whether the caller may read what is private to a person (their contact methods, notification rules, personal
     * calendar feeds): the person themselves or someone with {@code users.manage}. Reading, so a read-only token may.
     */
    public boolean mayReadPrivateOf(UUID ownerId) {
        return isUser(ownerId) || everywhere.contains(Permission.USERS_MANAGE);
    }

    public void requireToReadPrivateOf(UUID ownerId) {
        if (!mayReadPrivateOf(ownerId)) {
            throw new ForbiddenException(
                    Permission.USERS_MANAGE.key(),
                    null,
                    "Only the person themselves, or someone with 'users.manage', reads this; it comes with the "
                            + String.join(" or the ", RolePermissions.rolesGranting(Permission.USERS_MANAGE)));
        }
    }

    private ForbiddenException refused(Permission permission, UUID teamId) {
        if (readOnly) {
            return new ForbiddenException(
                    permission.key(), teamId, "This API token is read-only; '" + permission.key() + "' is needed");
        }
        String where = permission.scope() == Permission.Scope.TEAM
                ? teamId == null ? " in a team this belongs to" : " in the team this belongs to"
                : "";
        return new ForbiddenException(
                permission.key(),
                teamId,
                "You need the permission '" + permission.key() + "'" + where + "; it comes with the "
                        + String.join(" or the ", RolePermissions.rolesGranting(permission)));
    }

    @Override
    public String toString() {
        return "Caller[" + actor.name() + (role == null ? "" : ", " + role.key()) + (readOnly ? ", read-only" : "")
                + "]";
    }
}
