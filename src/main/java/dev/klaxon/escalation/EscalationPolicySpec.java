package dev.klaxon.escalation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a person writes to create or replace a policy; checked as a whole by {@link EscalationPolicies}.
 * {@code teamId} null makes an organisation-wide policy.
 */
public record EscalationPolicySpec(
        UUID teamId,
        String name,
        String description,
        Integer repeat,
        Duration renotifyAfterAck,
        List<EscalationLevel> levels) {}
