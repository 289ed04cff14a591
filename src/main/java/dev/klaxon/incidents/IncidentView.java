package dev.klaxon.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record IncidentView(
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
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        List<StepReached> processSteps) {

    public record StepReached(ProcessStep step, Instant at, String by) {}
}
