package dev.klaxon.incidents;

import java.time.Instant;
import java.util.UUID;

/** A new incident exists; escalation and classification start from here. */
public record IncidentOpened(
        UUID incidentId, long number, UUID serviceId, UUID teamId, String title, String severityHint, Instant at) {}
