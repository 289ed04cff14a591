package dev.klaxon.identity;

import static dev.klaxon.identity.Permission.ALERT_RULES_MANAGE;
import static dev.klaxon.identity.Permission.ESCALATION_MANAGE;
import static dev.klaxon.identity.Permission.INCIDENTS_CLASSIFY;
import static dev.klaxon.identity.Permission.INCIDENTS_RESPOND;
import static dev.klaxon.identity.Permission.OWN_ACCOUNT_MANAGE;
import static dev.klaxon.identity.Permission.ROTATIONS_MANAGE;
import static dev.klaxon.identity.Permission.SERVICES_MANAGE;
import static dev.klaxon.identity.Permission.SHIFTS_COVER;
import static dev.klaxon.identity.Permission.SLOS_MANAGE;
import static dev.klaxon.identity.Permission.TEAM_MEMBERS_MANAGE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of roles to permissions. docs/permissions.md shows the same table, and a test compares the two.
 */
public final class RolePermissions {

    private static final Set<Permission> RESPONDER = EnumSet.of(INCIDENTS_RESPOND, INCIDENTS_CLASSIFY, SHIFTS_COVER);

    private static final Set<Permission> MANAGER = union(
            RESPONDER,
            EnumSet.of(
                    TEAM_MEMBERS_MANAGE,
                    SERVICES_MANAGE,
                    ROTATIONS_MANAGE,
                    ESCALATION_MANAGE,
                    ALERT_RULES_MANAGE,
                    SLOS_MANAGE));

    private static final Map<OrganisationRole, Set<Permission>> ORGANISATION = Map.of(
            OrganisationRole.ADMIN, Collections.unmodifiableSet(EnumSet.allOf(Permission.class)),
            OrganisationRole.MEMBER, Collections.unmodifiableSet(EnumSet.of(OWN_ACCOUNT_MANAGE)),
            OrganisationRole.VIEWER, Collections.unmodifiableSet(EnumSet.of(OWN_ACCOUNT_MANAGE)));

    private static final Map<TeamRole, Set<Permission>> TEAM = Map.of(
            TeamRole.MANAGER, Collections.unmodifiableSet(MANAGER),
            TeamRole.RESPONDER, Collections.unmodifiableSet(RESPONDER));

    private RolePermissions() {}

    /** What the organisation role grants everywhere (for an admin that includes every team permission). */
    public static Set<Permission> of(OrganisationRole role) {
        return ORGANISATION.get(role);
    }

    /** What the team role grants in its team. */
    public static Set<Permission> of(TeamRole role) {
        return TEAM.get(role);
    }

    /** Whether a person with this organisation role may hold team roles at all: viewers change nothing. */
    public static boolean mayHoldTeamRoles(OrganisationRole role) {
        return role != OrganisationRole.VIEWER;
    }

    /** The roles that grant a permission, for messages that tell a refused caller whom to ask. */
    public static List<String> rolesGranting(Permission permission) {
        var roles = new java.util.ArrayList<String>();
        for (var role : OrganisationRole.values()) {
            if (of(role).contains(permission)) {
                roles.add("organisation role " + role.key());
            }
        }
        for (var role : TeamRole.values()) {
            if (of(role).contains(permission)) {
                roles.add("team role " + role.key());
            }
        }
        return roles;
    }

    private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
        return Collections.unmodifiableSet(java.util.stream.Stream.concat(a.stream(), b.stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class))));
    }
}
