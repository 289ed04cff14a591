package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/** The priority changed; {@code from} is null when the incident had none. */
public record IncidentPriorityChanged(
        UUID incidentId, String from, String to, String reason, boolean override, Actor by, Instant at) {}
