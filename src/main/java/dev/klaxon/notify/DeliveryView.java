package dev.klaxon.notify;

import java.time.Instant;
import java.util.UUID;

/** One delivery of a page over one contact method, as the incident page and scripts read it. */
public record DeliveryView(
        UUID id,
        UUID pageId,
        UUID incidentId,
        UUID userId,
        UUID contactMethodId,
        String channel,
        String address,
        int delayMinutes,
        DeliveryStatus status,
        Instant dueAt,
        Instant handedAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant sentAt) {}
