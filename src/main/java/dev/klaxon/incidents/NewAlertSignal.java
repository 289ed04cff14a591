package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * A new alert that opens an incident.
 *
 * @param severityHint the sender's severity (critical, error, warning, info), a hint until classification
 *     assigns priority and severity
 */
public record NewAlertSignal(
        UUID serviceId, UUID alertId, String dedupKey, String title, String severityHint, Actor sender, Instant at) {}
