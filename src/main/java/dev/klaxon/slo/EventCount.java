package dev.klaxon.slo;

import java.time.Instant;

/**
 * Events counted by a sender for the span starting at {@code timestamp}: {@code good} or {@code bad} (one of
 * them) out of {@code total}.
 */
public record EventCount(Instant timestamp, Long good, Long bad, Long total) {}
