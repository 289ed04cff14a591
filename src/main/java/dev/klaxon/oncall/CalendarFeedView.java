package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * A calendar feed as listed: the token itself is never kept, only its first characters.
 *
 * @param kind {@code user} or {@code rotation}
 * @param subjectId the user or rotation the feed shows
 */
public record CalendarFeedView(
        UUID id,
        String kind,
        UUID subjectId,
        String tokenPrefix,
        String createdBy,
        Instant createdAt,
        String revokedBy,
        Instant revokedAt) {}
