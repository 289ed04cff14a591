package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * An override as the arithmetic sees it: {@code userId} is on call in [from, until) instead of whoever the
 * rotation and layers say, or, with {@code replacesUserId}, instead of that person only.
 */
public record Cover(UUID id, UUID userId, UUID replacesUserId, Instant from, Instant until) {}
