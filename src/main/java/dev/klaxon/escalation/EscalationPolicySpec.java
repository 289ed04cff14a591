package dev.klaxon.escalation;

import java.time.Duration;
import java.util.List;

/** What a person writes to create or replace a policy; checked as a whole by {@link EscalationPolicies}. */
public record EscalationPolicySpec(
        String name, String description, Integer repeat, Duration renotifyAfterAck, List<EscalationLevel> levels) {}
