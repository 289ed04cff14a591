package dev.klaxon.slo;

import java.time.Duration;
import java.time.Instant;

/** When the error budget runs out if it keeps burning at the recent rate (a straight line). */
public final class Exhaustion {

    private Exhaustion() {}

    /**
     * @param remaining fraction of the budget left
     * @param burnRate the recent burn rate (null: no traffic)
     * @param window the SLO window: at burn rate 1 a full budget lasts exactly that long
     * @return now when the budget is already used up; null when it does not burn
     */
    public static Instant projected(double remaining, Double burnRate, Duration window, Instant now) {
        if (remaining <= 0) {
            return now;
        }
        if (burnRate == null || burnRate <= 0) {
            return null;
        }
        double seconds = remaining * window.toSeconds() / burnRate;
        if (seconds > Duration.ofDays(3650).toSeconds()) {
            return null;
        }
        return now.plusSeconds((long) Math.ceil(seconds));
    }
}
