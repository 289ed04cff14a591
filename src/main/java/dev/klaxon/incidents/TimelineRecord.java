package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A line another module adds to an incident's timeline. */
public record TimelineRecord(
        UUID incidentId, Instant at, ResponseEvent event, Actor actor, String subject, String message) {

    public TimelineRecord {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(actor, "actor");
    }
}
