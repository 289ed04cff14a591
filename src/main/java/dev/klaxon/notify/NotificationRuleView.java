package dev.klaxon.notify;

import java.time.Instant;
import java.util.UUID;

/** Use {@code contactMethodId} {@code delayMinutes} after a page. */
public record NotificationRuleView(
        UUID id, UUID userId, UUID contactMethodId, String contactType, int delayMinutes, Instant createdAt) {}
