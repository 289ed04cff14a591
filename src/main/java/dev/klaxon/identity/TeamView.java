package dev.klaxon.identity;

import java.time.Instant;
import java.util.UUID;

public record TeamView(UUID id, String name, String description, Instant createdAt) {}
