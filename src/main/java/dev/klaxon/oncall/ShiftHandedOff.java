package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * The person on call for a rotation changed at {@code at}. Published once per change across all instances;
 * when Klaxon was down over several changes, only the latest is announced. {@code outgoingUserId} is null
 * when nobody was on call before (the rotation started, a restriction window opened), {@code incomingUserId}
 * null when nobody is on call after.
 */
public record ShiftHandedOff(
        UUID rotationId,
        String rotationName,
        UUID teamId,
        String role,
        UUID outgoingUserId,
        UUID incomingUserId,
        Instant at) {}
