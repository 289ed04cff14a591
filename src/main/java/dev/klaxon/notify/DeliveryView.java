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
        Instant sentAt) {

    /** The same delivery without where it went, for people who may not see another person's contact methods. */
    public DeliveryView withoutAddress() {
        return new DeliveryView(
                id,
                pageId,
                incidentId,
                userId,
                contactMethodId,
                channel,
                null,
                delayMinutes,
                status,
                dueAt,
                handedAt,
                attempts,
                nextAttemptAt,
                lastError,
                sentAt);
    }
}
