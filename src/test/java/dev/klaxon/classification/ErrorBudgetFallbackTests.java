package dev.klaxon.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.classification.ErrorBudgetFallback.BudgetState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chapter's fallback tables for SLOs without a priority, evaluated on a budget state alone. */
class ErrorBudgetFallbackTests {

    private static final List<String> ORDER = List.of("P1", "P2", "P3", "P4");

    private final ErrorBudgetFallback fallback =
            ClassificationDefaults.definition().errorBudgetFallback();

    @Test
    void budgetLeftMapsToPriorityWhenTheTrendExhaustsIt() {
        assertThat(priority(0.15, true, Map.of())).hasValue("P1");
        assertThat(priority(0.20, true, Map.of())).hasValue("P1");
        assertThat(priority(0.35, true, Map.of())).hasValue("P2");
        assertThat(priority(0.55, true, Map.of())).hasValue("P3");
        assertThat(priority(0.80, true, Map.of())).hasValue("P4");
        assertThat(priority(0.81, true, Map.of())).isEmpty();
    }

    @Test
    void budgetLeftDoesNotCountWhenTheTrendLeavesBudgetAtTheWindowEnd() {
        assertThat(priority(0.10, false, Map.of())).isEmpty();
    }

    @Test
    void depletionVelocityMapsToPriority() {
        assertThat(priority(0.9, false, Map.of(Duration.ofMinutes(5), 0.76))).hasValue("P1");
        assertThat(priority(0.9, false, Map.of(Duration.ofMinutes(5), 0.75))).isEmpty();
        assertThat(priority(0.9, false, Map.of(Duration.ofMinutes(10), 0.51))).hasValue("P2");
        assertThat(priority(0.9, false, Map.of(Duration.ofMinutes(15), 0.26))).hasValue("P3");
        assertThat(priority(0.9, false, Map.of(Duration.ofMinutes(20), 0.26))).hasValue("P4");
    }

    @Test
    void theMostUrgentMatchingRuleWins() {
        assertThat(priority(0.55, true, Map.of(Duration.ofMinutes(10), 0.6))).hasValue("P2");
        assertThat(priority(0.15, true, Map.of(Duration.ofMinutes(20), 0.3))).hasValue("P1");
    }

    private java.util.Optional<String> priority(double remaining, boolean exhausts, Map<Duration, Double> consumed) {
        return fallback.priorityFor(new BudgetState(remaining, exhausts, d -> consumed.getOrDefault(d, 0.0)), ORDER);
    }
}
