package dev.klaxon.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/** A person's role in one team. A manager can do everything a responder can. */
public enum TeamRole {
    /** Edits the team's services, integrations, rotations, escalation policies, alert rules, SLOs and members. */
    MANAGER,
    /** Acknowledges, resolves, annotates and classifies the team's incidents; covers shifts they take part in. */
    RESPONDER;

    @JsonValue
    public String key() {
        return RoleNames.key(this);
    }

    public static TeamRole parse(String value, String field) {
        return RoleNames.parse(TeamRole.class, value, field);
    }
}
