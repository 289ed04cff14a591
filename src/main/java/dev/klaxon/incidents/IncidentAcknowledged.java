package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

public record IncidentAcknowledged(UUID incidentId, Actor by, Instant at) {}
