package dev.klaxon.intake.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One alert event (Events API v2 or one alert of an Alertmanager notification). JSON-valued fields are
 * kept as JSON text, ready to store.
 *
 * @param senderTimestamp the sender's {@code payload.timestamp}, null when not given
 * @param receivedAt when Klaxon received the event; the time every state change is recorded at
 * @param presetPriority a priority the sender decided itself (internal signals: an SLO breach); null for
 *     events from outside, whose priority the service's alert rules decide
 * @param presetPriorityReason why, with {@code presetPriority}
 */
public record AlertEvent(
        AlertAction action,
        UUID integrationId,
        String integrationName,
        UUID serviceId,
        String dedupKey,
        String summary,
        String source,
        String severity,
        String component,
        String group,
        String eventClass,
        String customDetailsJson,
        String linksJson,
        String imagesJson,
        String labelsJson,
        Instant senderTimestamp,
        Instant receivedAt,
        String presetPriority,
        String presetPriorityReason)
        implements IntakeCommand {

    /** An event from outside: its priority is for the alert rules to decide. */
    public AlertEvent(
            AlertAction action,
            UUID integrationId,
            String integrationName,
            UUID serviceId,
            String dedupKey,
            String summary,
            String source,
            String severity,
            String component,
            String group,
            String eventClass,
            String customDetailsJson,
            String linksJson,
            String imagesJson,
            String labelsJson,
            Instant senderTimestamp,
            Instant receivedAt) {
        this(
                action,
                integrationId,
                integrationName,
                serviceId,
                dedupKey,
                summary,
                source,
                severity,
                component,
                group,
                eventClass,
                customDetailsJson,
                linksJson,
                imagesJson,
                labelsJson,
                senderTimestamp,
                receivedAt,
                null,
                null);
    }

    @Override
    public String routingKey() {
        return dedupKey;
    }
}
