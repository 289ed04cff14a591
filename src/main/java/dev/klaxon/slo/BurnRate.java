package dev.klaxon.slo;

/**
 * How fast the error budget burns: the error rate over a span divided by the error rate the objective allows.
 * A burn rate of 1 uses up exactly the budget over the SLO window; 14.4 uses up 2 % of a 30-day budget in an
 * hour. The chapter's "error budget depletion > 200 % within 60 minutes" is a burn rate above 2 over the last
 * 60 minutes.
 */
public final class BurnRate {

    private BurnRate() {}

    /** The burn rate over events {@code good} of {@code total}; null when there was no traffic. */
    public static Double of(double objective, long good, long total) {
        Objective.check(objective);
        if (total <= 0) {
            return null;
        }
        double errorRate = (double) (total - good) / total;
        return errorRate / (1 - objective / 100);
    }

    /** Budget depletion in percent of the span's share of the budget (burn rate 2 → 200 %). */
    public static double asDepletionPercent(double burnRate) {
        return burnRate * 100;
    }
}
