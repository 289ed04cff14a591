package dev.klaxon.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something a caller may be allowed to do. Organisation permissions hold everywhere; team permissions are held
 * per team (through a team role) or everywhere (through the organisation role admin). Reading is not a permission:
 * every signed-in person may read everything that is not private (see docs/permissions.md). Which role holds which
 * permission is decided in one place, {@link RolePermissions}.
 */
public enum Permission {
    USERS_MANAGE("users.manage", Scope.ORGANISATION),
    TEAMS_CREATE("teams.create", Scope.ORGANISATION),
    CLASSIFICATION_MANAGE("classification.manage", Scope.ORGANISATION),
    /** The caller's own password, API tokens, contact methods, notification rules and personal calendar feed. */
    OWN_ACCOUNT_MANAGE("account.manage", Scope.ORGANISATION),

    TEAM_MEMBERS_MANAGE("team.members.manage", Scope.TEAM),
    SERVICES_MANAGE("services.manage", Scope.TEAM),
    ROTATIONS_MANAGE("rotations.manage", Scope.TEAM),
    ESCALATION_MANAGE("escalation.manage", Scope.TEAM),
    ALERT_RULES_MANAGE("alert-rules.manage", Scope.TEAM),
    SLOS_MANAGE("slos.manage", Scope.TEAM),

    INCIDENTS_RESPOND("incidents.respond", Scope.TEAM),
    INCIDENTS_CLASSIFY("incidents.classify", Scope.TEAM),
    /** Overrides and swaps on the team's rotations that the caller takes part in (any, with rotations.manage). */
    SHIFTS_COVER("shifts.cover", Scope.TEAM);

    public enum Scope {
        ORGANISATION,
        TEAM
    }

    private final String key;
    private final Scope scope;

    Permission(String key, Scope scope) {
        this.key = key;
        this.scope = scope;
    }

    /** The name in the API ({@code GET /api/v1/me}), in problem details and in the docs. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Permission byKey(String key) {
        for (var permission : values()) {
            if (permission.key.equals(key)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("No permission named '" + key + "'");
    }

    public Scope scope() {
        return scope;
    }
}
