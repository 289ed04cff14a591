package dev.klaxon.incidents.internal;

import dev.klaxon.incidents.IncidentStatus;
import java.time.Instant;
import java.util.UUID;

/** One row of the incidents table, as stored; {@link IncidentReader} turns rows into views. */
public record IncidentRow(
        UUID id,
        long number,
        String title,
        IncidentStatus status,
        UUID serviceId,
        UUID teamId,
        String severityHint,
        int alertCount,
        int openAlertCount,
        Instant createdAt,
        String createdBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        String priority,
        String rulePriority,
        Integer priorityRank,
        String severity,
        Integer severityRank,
        Integer classificationVersion,
        Instant prioritizedAt,
        String prioritizedBy,
        Instant responseDueAt,
        boolean responseTargetBreached) {}
