package dev.klaxon.incidents;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Filters for listing incidents; null or empty means "any".
 *
 * @param priorities only these priorities
 * @param severities only these severities
 * @param targetBreached only incidents whose response target was (true) or was not (false) breached
 * @param after cursor: the position of the last incident of the previous page in this sort order
 */
public record IncidentQuery(
        Set<IncidentStatus> statuses,
        UUID serviceId,
        UUID teamId,
        Instant createdSince,
        Instant createdUntil,
        Set<String> priorities,
        Set<String> severities,
        Boolean targetBreached,
        IncidentSort sort,
        Cursor after,
        int limit) {

    public static final int MAX_LIMIT = 200;

    public IncidentQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sort = sort == null ? IncidentSort.CREATED : sort;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("cursor of another sort order");
        }
    }

    /** The simple filters of the first versions: status, service, team, creation time, newest first. */
    public static IncidentQuery of(
            Set<IncidentStatus> statuses,
            UUID serviceId,
            UUID teamId,
            Instant createdSince,
            Instant createdUntil,
            int limit) {
        return new IncidentQuery(
                statuses, serviceId, teamId, createdSince, createdUntil, null, null, null, null, null, limit);
    }

    /**
     * A keyset position: the sort key (the rank for priority/severity sorts, unused for created) and the
     * incident number.
     */
    public record Cursor(IncidentSort sort, int rank, long number) {}
}
