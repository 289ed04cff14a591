package dev.klaxon.classification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service's rule for incoming alerts: when every condition matches, the alert gets {@code priority}, or
 * opens no incident at all when {@code priority} is null (the alert is still recorded). Rules are tried in
 * {@code position} order; the first match wins.
 */
public record AlertRule(
        UUID id,
        UUID serviceId,
        int position,
        String name,
        List<RuleCondition> conditions,
        String priority,
        List<FrequencyStep> frequency,
        Instant createdAt) {

    public AlertRule {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        frequency = frequency == null ? List.of() : List.copyOf(frequency);
    }

    public boolean opensIncident() {
        return priority != null;
    }
}
