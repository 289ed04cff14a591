package dev.klaxon.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/** A person's role in the whole organisation; team roles add to it (see {@link RolePermissions}). */
public enum OrganisationRole {
    /** Everything, including users, classification and organisation settings. */
    ADMIN,
    /** Reads everything not private; acts through team roles. The default. */
    MEMBER,
    /** Reads incidents, SLOs and on-call; changes nothing but their own account. For stakeholders and auditors. */
    VIEWER;

    /** The name used in the API, the database and the docs: {@code admin}, {@code member}, {@code viewer}. */
    @JsonValue
    public String key() {
        return RoleNames.key(this);
    }

    /** Parses an API or form value; anything else is a field error on {@code field}. */
    public static OrganisationRole parse(String value, String field) {
        return RoleNames.parse(OrganisationRole.class, value, field);
    }
}
