package dev.klaxon.oncall;

import java.util.List;
import java.util.UUID;

/**
 * What a client sends to create or replace a rotation. {@code shiftLength} is an ISO-8601 duration of whole
 * hours ({@code P7D}, {@code P1W}, {@code P1D}, {@code PT12H}); {@code handoffTime} is {@code HH:mm} and
 * {@code start} a date, both in {@code timeZone}.
 */
public record RotationSpec(
        String name,
        UUID teamId,
        String role,
        List<UUID> participants,
        String shiftLength,
        String handoffTime,
        String timeZone,
        String start,
        List<RestrictionSpec> restrictions,
        List<LayerSpec> layers) {}
