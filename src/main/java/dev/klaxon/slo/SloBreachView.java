package dev.klaxon.slo;

import java.time.Instant;
import java.util.UUID;

/**
 * A breach: an alerting condition of an SLO became true.
 *
 * @param priority the decision made at the breach (the SLO's priority then, a condition override or the
 *     error-budget fallback); the lead wires it into the incident
 * @param incidentId the incident the breach's signal opened or attached to; null while snoozed
 */
public record SloBreachView(
        UUID id,
        UUID sloId,
        String condition,
        Instant startedAt,
        Instant endedAt,
        String priority,
        String priorityReason,
        Integer classificationVersion,
        UUID incidentId,
        double budgetRemaining,
        Double burnRate,
        String summary) {}
