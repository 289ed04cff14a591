package dev.klaxon.classification;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The priority of an SLO breach whose SLO has no priority of its own, from the state of its error budget
 * (chapter 9: "budget left ≤ 20/40/60/80 % with a trend that exhausts it before the window ends → P1..P4",
 * or by depletion velocity: "> 75 % of the budget in 5 min → P1" ...). The most urgent match wins.
 *
 * @param thresholds by budget remaining, applied only when the trend exhausts the budget within the window
 * @param velocities by how much of the budget was consumed within a recent span
 */
public record ErrorBudgetFallback(List<Threshold> thresholds, List<Velocity> velocities) {

    public ErrorBudgetFallback {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        velocities = velocities == null ? List.of() : List.copyOf(velocities);
    }

    /** Budget remaining at most {@code remainingAtMost} (a fraction, 0.2 = 20 %) → {@code priority}. */
    public record Threshold(double remainingAtMost, String priority) {}

    /** More than {@code consumedMoreThan} of the budget consumed within {@code within} → {@code priority}. */
    public record Velocity(double consumedMoreThan, Duration within, String priority) {}

    /**
     * The state of an SLO's error budget at a breach.
     *
     * @param remaining fraction of the budget left (may be negative when overspent)
     * @param exhaustsBeforeWindowEnd whether the current trend uses up the budget before the window ends
     * @param consumedWithin fraction of the budget consumed within a recent span ending now
     */
    public record BudgetState(
            double remaining, boolean exhaustsBeforeWindowEnd, ToDoubleFunction<Duration> consumedWithin) {}

    /**
     * The fallback priority for this budget state, given the priorities' order of urgency (most urgent
     * first); empty when no rule matches.
     */
    public Optional<String> priorityFor(BudgetState budget, List<String> priorityOrder) {
        Comparator<String> urgency = Comparator.comparingInt(p -> {
            int index = priorityOrder.indexOf(p);
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        var byThreshold = budget.exhaustsBeforeWindowEnd()
                ? thresholds.stream()
                        .filter(t -> budget.remaining() <= t.remainingAtMost())
                        .map(Threshold::priority)
                : Stream.<String>empty();
        var byVelocity = velocities.stream()
                .filter(v -> budget.consumedWithin().applyAsDouble(v.within()) > v.consumedMoreThan())
                .map(Velocity::priority);
        return Stream.concat(byThreshold, byVelocity).min(urgency);
    }
}
