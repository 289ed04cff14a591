package dev.klaxon.intake;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One alert as shown on its incident's page.
 *
 * @param eventCount how many trigger events the sender sent for it (1 + repeats)
 * @param labels Alertmanager labels, empty for Events API alerts
 */
public record AlertView(
        UUID id,
        UUID serviceId,
        UUID integrationId,
        UUID incidentId,
        String dedupKey,
        AlertStatus status,
        String summary,
        String source,
        String severity,
        int eventCount,
        Instant firstSeen,
        Instant lastSeen,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Map<String, String> labels) {}
