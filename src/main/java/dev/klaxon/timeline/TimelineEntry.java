package dev.klaxon.timeline;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an incident's timeline as read.
 *
 * @param kind the namespaced kind, e.g. {@code incidents.acknowledged}
 * @param label the kind in words, e.g. "Acknowledged"
 * @param count how many occurrences the entry stands for (above 1 for folded alert repeats)
 * @param lastAt when the last folded occurrence happened
 */
public record TimelineEntry(
        long id,
        UUID incidentId,
        Instant at,
        String kind,
        String label,
        Actor actor,
        String subject,
        String message,
        Map<String, Object> payload,
        int count,
        Instant lastAt) {

    TimelineEntry withLabel(String label) {
        return new TimelineEntry(id, incidentId, at, kind, label, actor, subject, message, payload, count, lastAt);
    }
}
