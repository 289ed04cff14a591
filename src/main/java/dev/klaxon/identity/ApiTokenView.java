package dev.klaxon.identity;

import java.time.Instant;
import java.util.UUID;

/** An API token as listed: never the secret itself, only the first characters to recognise it. */
public record ApiTokenView(
        UUID id,
        String name,
        String prefix,
        boolean readOnly,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
