package dev.klaxon.identity;

import java.time.Instant;
import java.util.UUID;

/** A person's role in a team, with what is needed to show them. */
public record TeamMemberView(
        UUID teamId, UUID userId, String username, String name, TeamRole role, boolean active, Instant addedAt) {}
