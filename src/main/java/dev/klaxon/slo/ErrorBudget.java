package dev.klaxon.slo;

/**
 * An events-based error budget: with objective {@code o} (a percentage), {@code (1 − o/100) × total} events
 * may be bad within the window.
 *
 * @param objective the SLO objective in percent (99.7)
 * @param good good events in the window
 * @param total all events in the window
 * @param allowedBad the budget in events, {@code (1 − objective) × total}
 * @param consumed fraction of the budget used (0.5 = half; above 1 when overspent); 0 without traffic
 * @param remaining {@code 1 − consumed} (negative when overspent)
 */
public record ErrorBudget(
        double objective, long good, long total, double allowedBad, double consumed, double remaining) {

    public static ErrorBudget of(double objective, long good, long total) {
        Objective.check(objective);
        if (good < 0 || total < 0 || good > total) {
            throw new IllegalArgumentException("need 0 <= good <= total, got " + good + "/" + total);
        }
        double allowedBad = (1 - objective / 100) * total;
        long bad = total - good;
        double consumed = total == 0 ? 0 : bad / allowedBad;
        return new ErrorBudget(objective, good, total, allowedBad, consumed, 1 - consumed);
    }

    public long bad() {
        return total - good;
    }

    /** The service level indicator (good ÷ total), or null without traffic. */
    public Double sli() {
        return total == 0 ? null : (double) good / total;
    }
}
