package dev.klaxon.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A change event (deploy, config change) received on {@code /v2/change/enqueue}.
 *
 * @param timestamp when the change happened according to the sender; null when not given
 * @param customDetailsJson the sender's {@code custom_details} as JSON text, null when absent
 * @param linksJson the sender's {@code links} as JSON text, null when absent
 */
public record ChangeEventView(
        UUID id,
        UUID serviceId,
        UUID integrationId,
        String summary,
        String source,
        Instant timestamp,
        String customDetailsJson,
        String linksJson,
        Instant receivedAt) {}
