package dev.klaxon.escalation;

import java.time.Duration;
import java.util.List;

/** One level of a policy: its targets are paged together; the next level follows after {@code timeout}. */
public record EscalationLevel(Duration timeout, List<EscalationTarget> targets) {

    public EscalationLevel {
        targets = List.copyOf(targets);
    }
}
