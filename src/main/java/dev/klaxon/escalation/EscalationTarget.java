package dev.klaxon.escalation;

import java.util.UUID;

/**
 * Who a level pages: a user, whoever is on call in a rotation, or whoever is on call for a role in a team.
 *
 * @param id the user or rotation (null for a role target)
 * @param teamId for a role target: the team whose rotation for the role is asked; null means the incident's
 *     own team, which lets one policy serve many teams
 * @param role for a role target: the rotation role, e.g. "Primary on-call" (matched ignoring case)
 */
public record EscalationTarget(Type type, UUID id, UUID teamId, String role) {

    public enum Type {
        USER,
        ROTATION,
        ROLE
    }

    public static EscalationTarget user(UUID id) {
        return new EscalationTarget(Type.USER, id, null, null);
    }

    public static EscalationTarget rotation(UUID id) {
        return new EscalationTarget(Type.ROTATION, id, null, null);
    }

    public static EscalationTarget role(UUID teamId, String role) {
        return new EscalationTarget(Type.ROLE, null, teamId, role);
    }
}
