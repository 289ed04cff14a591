package dev.klaxon.identity;

import java.util.UUID;

/** One of a person's teams and their role in it. */
public record Membership(UUID teamId, String teamName, TeamRole role) {}
