package dev.klaxon.slo;

import java.time.Instant;

/**
 * How pulling an SLO's counts from Prometheus goes (only SLOs with {@link SliQueries}).
 *
 * @param state {@code DISABLED}: no Prometheus configured ({@code klaxon.slo.prometheus.base-url}), nothing is
 *     pulled; {@code PENDING}: not pulled yet; {@code OK}: the last pull worked; {@code FAILING}: the last pull
 *     failed ({@code lastError} says why; the next evaluation tries again from {@code pulledUntil})
 * @param pulledUntil counts are stored up to here
 */
public record PullStatus(
        State state,
        String message,
        Instant pulledUntil,
        Instant lastSuccessAt,
        String lastError,
        Instant lastErrorAt,
        int consecutiveFailures) {

    public static final String NOT_CONFIGURED =
            "No Prometheus configured: set klaxon.slo.prometheus.base-url to pull this SLO's counts";

    public enum State {
        DISABLED,
        PENDING,
        OK,
        FAILING
    }
}
