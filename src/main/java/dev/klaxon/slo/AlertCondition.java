package dev.klaxon.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * One alerting condition of an SLO; it breaches when it becomes true. Two kinds:
 *
 * <ul>
 *   <li>{@code depletion} (chapter 9): error budget depletion above {@code depletionPercent} within
 *       {@code window}, i.e. the burn rate over the last {@code window} above {@code depletionPercent / 100}
 *       ("> 200 % within 60 minutes");
 *   <li>{@code burnRate} (multi-window, multi-burn-rate, Google SRE Workbook): the burn rate above
 *       {@code burnRate} over both {@code longWindow} and {@code shortWindow}.
 * </ul>
 *
 * @param name unique per SLO, part of the dedup key ({@code slo:<id>:<name>}); [a-z0-9-], at most 40
 * @param action page (critical signal) or ticket (warning signal)
 * @param priority overrides the SLO's priority for this condition's breaches; null: the SLO's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCondition(
        String name,
        Kind kind,
        Double depletionPercent,
        Duration window,
        Double burnRate,
        Duration longWindow,
        Duration shortWindow,
        Action action,
        String priority) {

    public enum Kind {
        depletion,
        burnRate
    }

    public enum Action {
        page,
        ticket
    }

    public static AlertCondition depletion(String name, double percent, Duration window) {
        return new AlertCondition(name, Kind.depletion, percent, window, null, null, null, Action.page, null);
    }

    public static AlertCondition multiWindow(
            String name, double burnRate, Duration longWindow, Duration shortWindow, Action action) {
        return new AlertCondition(name, Kind.burnRate, null, null, burnRate, longWindow, shortWindow, action, null);
    }

    /** The burn rate both windows must exceed. */
    public double threshold() {
        return kind == Kind.depletion ? depletionPercent / 100 : burnRate;
    }

    /** The windows whose burn rates decide the condition, longest first. */
    public java.util.List<Duration> windows() {
        return kind == Kind.depletion ? java.util.List.of(window) : java.util.List.of(longWindow, shortWindow);
    }

    /** The severity of the signal a breach raises. */
    public String severity() {
        return action == Action.ticket ? "warning" : "critical";
    }
}
