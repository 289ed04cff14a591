package dev.klaxon.identity;

import java.time.Instant;
import java.util.UUID;

public record UserView(UUID id, String username, String name, String email, boolean admin, Instant createdAt) {}
