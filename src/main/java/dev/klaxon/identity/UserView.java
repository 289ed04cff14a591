package dev.klaxon.identity;

import java.time.Instant;
import java.util.UUID;

/** A person as others see them; {@code active} is false once deactivated (kept for history, never paged). */
public record UserView(
        UUID id,
        String username,
        String name,
        String email,
        OrganisationRole role,
        boolean active,
        Instant createdAt) {}
