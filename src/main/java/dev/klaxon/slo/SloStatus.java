package dev.klaxon.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An SLO's state at an instant.
 *
 * @param sli good ÷ total over the window; null without traffic
 * @param burnRates burn rate per window (ISO-8601 duration → rate; null where there was no traffic)
 * @param projectedExhaustion when the budget runs out at the burn rate of the last hour; null if never
 * @param exhaustsBeforeWindowEnd whether that is before the window ends (calendar month: its end; rolling: one
 *     window length from now)
 */
public record SloStatus(
        Instant at,
        Double sli,
        ErrorBudget errorBudget,
        Map<String, Double> burnRates,
        Instant projectedExhaustion,
        boolean exhaustsBeforeWindowEnd,
        List<ConditionStatus> conditions,
        State state) {

    /** Traffic light: grey, green, yellow, red. */
    public enum State {
        NO_DATA,
        OK,
        WARNING,
        BREACHING
    }

    /**
     * @param met whether the condition is true now
     * @param firing whether the engine treats it as breaching (as of its last evaluation)
     */
    public record ConditionStatus(
            String name, String description, boolean met, boolean firing, Instant lastAlertedAt) {}
}
