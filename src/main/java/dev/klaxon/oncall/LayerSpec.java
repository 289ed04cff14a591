package dev.klaxon.oncall;

import java.util.List;
import java.util.UUID;

/**
 * A follow-the-sun layer: its own participants and shifts, usually restricted to part of the day. A later
 * layer wins over earlier ones and the base whenever it has someone on call. {@code handoffTime} and
 * {@code start} default to the rotation's.
 */
public record LayerSpec(
        String name,
        List<UUID> participants,
        String shiftLength,
        String handoffTime,
        String start,
        List<RestrictionSpec> restrictions) {}
