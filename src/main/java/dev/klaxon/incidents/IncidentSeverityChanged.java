package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/** The severity changed; {@code from} is null when the incident had none. */
public record IncidentSeverityChanged(
        UUID incidentId, String from, String to, String reason, boolean override, Actor by, Instant at) {}
