package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/** Published inside the resolving transaction: listeners that must stay consistent with it run in it. */
public record IncidentResolved(UUID incidentId, Actor by, Instant at) {}
