package dev.klaxon.identity;

/** A partial update of a user: null fields stay as they are. */
public record UserChanges(String name, String email, OrganisationRole role, Boolean active) {}
