package dev.klaxon.services;

import java.time.Instant;
import java.util.UUID;

/**
 * An integration as listed: the routing key itself is never kept, only its first characters.
 *
 * @param url where the sender posts its events
 * @param rateLimitPerMinute events accepted per minute before answering 429; null means unlimited
 */
public record IntegrationView(
        UUID id,
        UUID serviceId,
        IntegrationType type,
        String name,
        String keyPrefix,
        boolean enabled,
        Integer rateLimitPerMinute,
        String url,
        Instant createdAt) {}
