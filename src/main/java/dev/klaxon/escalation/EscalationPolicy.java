package dev.klaxon.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An escalation policy.
 *
 * @param repeat how many more times the levels run after the last one timed out (0 = once)
 * @param renotifyAfterAck when set, an acknowledged incident that is still unresolved after this long pages
 *     again (and again at this interval) until it is resolved; null = never
 * @param teamId the team whose managers edit it; null for an organisation-wide policy (administrators edit it)
 * @param defaultPolicy the policy for services that name none; it cannot be deleted
 */
public record EscalationPolicy(
        UUID id,
        UUID teamId,
        String name,
        String description,
        int repeat,
        Duration renotifyAfterAck,
        List<EscalationLevel> levels,
        boolean defaultPolicy,
        Instant createdAt,
        Instant updatedAt) {

    public EscalationPolicy {
        levels = List.copyOf(levels);
    }
}
