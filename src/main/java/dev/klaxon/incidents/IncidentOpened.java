package dev.klaxon.incidents;

import java.time.Instant;
import java.util.UUID;

/**
 * A new incident exists; escalation and classification start from here. Published as part of
 * {@link IncidentsOpened}.
 *
 * @param escalationPolicyId the escalation policy its service named when it opened (null: the default policy)
 */
public record IncidentOpened(
        UUID incidentId,
        long number,
        UUID serviceId,
        UUID teamId,
        UUID escalationPolicyId,
        String title,
        String severityHint,
        Instant at) {}
