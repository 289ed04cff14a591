package dev.klaxon.incidents;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Filters for listing incidents; null or empty means "any".
 *
 * @param before cursor: only incidents with a number below this one (the next page)
 */
public record IncidentQuery(
        Set<IncidentStatus> statuses,
        UUID serviceId,
        UUID teamId,
        Instant createdSince,
        Instant createdUntil,
        Long before,
        int limit) {

    public static final int MAX_LIMIT = 200;

    public IncidentQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
