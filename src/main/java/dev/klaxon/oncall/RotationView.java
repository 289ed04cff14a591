package dev.klaxon.oncall;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rotation as stored, in canonical form (shift length as {@code P7D}/{@code PT12H}, days as MON..SUN). */
public record RotationView(
        UUID id,
        String name,
        UUID teamId,
        String role,
        List<UUID> participants,
        String shiftLength,
        String handoffTime,
        String timeZone,
        String start,
        List<RestrictionSpec> restrictions,
        List<LayerSpec> layers,
        Instant createdAt,
        Instant updatedAt) {}
