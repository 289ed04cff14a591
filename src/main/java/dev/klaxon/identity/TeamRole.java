package dev.klaxon.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.klaxon.common.InvalidInputException;
import java.util.Locale;

/** A person's role in one team. A manager can do everything a responder can. */
public enum TeamRole {
    /** Edits the team's services, integrations, rotations, escalation policies, alert rules, SLOs and members. */
    MANAGER,
    /** Acknowledges, resolves, annotates and classifies the team's incidents; covers shifts they take part in. */
    RESPONDER;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TeamRole parse(String value, String field) {
        if (value != null) {
            for (var role : values()) {
                if (role.key().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw InvalidInputException.of(field, "must be one of manager, responder");
    }
}
