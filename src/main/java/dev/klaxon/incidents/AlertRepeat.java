package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/** The same alert of an incident fired again. */
public record AlertRepeat(UUID incidentId, String dedupKey, String summary, Actor sender, Instant at) {}
