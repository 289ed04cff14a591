package dev.klaxon.timeline;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An entry to append to an incident's timeline.
 *
 * @param subject what the entry is about, for people and for folding repeats (an alert's dedup key, a person)
 * @param payload structured details for machines (kept as JSON); empty when the message says it all
 */
public record NewEntry(
        UUID incidentId,
        Instant at,
        EntryKind kind,
        Actor actor,
        String subject,
        String message,
        Map<String, Object> payload) {

    public NewEntry {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }

    public NewEntry(UUID incidentId, Instant at, EntryKind kind, Actor actor, String subject, String message) {
        this(incidentId, at, kind, actor, subject, message, Map.of());
    }
}
