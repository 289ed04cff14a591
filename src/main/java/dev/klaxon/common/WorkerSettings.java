package dev.klaxon.common;

import java.time.Duration;

/**
 * How a module's background worker runs, bound from {@code klaxon.<module>.worker.*} (the same three keys for every
 * module); a module's properties fill in its own defaults for what is not set.
 *
 * @param enabled whether this instance runs the worker; every instance may, the database hands each piece of work
 *     to one of them
 * @param pollInterval the longest the worker sleeps between rounds
 * @param settle after a wake-up, how long the worker waits before its round, so a burst of wake-ups makes one round
 */
public record WorkerSettings(Boolean enabled, Duration pollInterval, Duration settle) {

    /** This, with {@code pollInterval} and {@code settle} where unset, enabled unless said otherwise; validated. */
    public WorkerSettings withDefaults(String module, Duration defaultPollInterval, Duration defaultSettle) {
        var settings = new WorkerSettings(
                enabled == null || enabled,
                pollInterval == null ? defaultPollInterval : pollInterval,
                settle == null ? defaultSettle : settle);
        if (settings.pollInterval.isNegative() || settings.pollInterval.isZero()) {
            throw new IllegalArgumentException("klaxon." + module + ".worker.poll-interval must be positive");
        }
        if (settings.settle.isNegative() || settings.settle.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("klaxon." + module + ".worker.settle must be between 0 and 1s");
        }
        return settings;
    }

    public static WorkerSettings defaults(String module, Duration pollInterval, Duration settle) {
        return new WorkerSettings(null, null, null).withDefaults(module, pollInterval, settle);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
