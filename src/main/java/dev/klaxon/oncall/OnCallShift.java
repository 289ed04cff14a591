package dev.klaxon.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * One person on call for a rotation from {@code from} until {@code until}: a resolved stretch, cut by every
 * boundary of shifts, layers, restrictions and overrides.
 */
public record OnCallShift(
        UUID rotationId,
        String rotationName,
        UUID teamId,
        String role,
        UUID userId,
        String userName,
        Instant from,
        Instant until,
        ShiftSource source) {}
