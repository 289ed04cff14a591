package dev.klaxon.slo.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.slo.*}: the SLO engine.
 *
 * @param schedulerEnabled whether this instance runs the evaluation loop (default true); every instance may,
 *     the database hands each due SLO to one of them
 * @param pollInterval how often the loop looks for due SLOs (default 10s)
 * @param lease how long a claimed evaluation may take before another instance may take it over (default 2m)
 * @param batchSize SLOs claimed per poll (default 200)
 * @param acceptLate how old pushed events may be (default 2 days); older ones are refused
 * @param acceptFuture how far ahead of the server clock pushed events may be (default 5 minutes)
 * @param maxEventsPerPush events per push request (default 10000)
 * @param rollUpAfter minute buckets older than this are summed into hour buckets (default 3 days; must be
 *     longer than {@code acceptLate}, so that no push reaches a rolled-up hour)
 * @param retention hour buckets older than this are deleted (default 400 days; at least 32 days)
 */
@ConfigurationProperties("klaxon.slo")
public record SloProperties(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("200") int batchSize,
        @DefaultValue("2d") Duration acceptLate,
        @DefaultValue("5m") Duration acceptFuture,
        @DefaultValue("10000") int maxEventsPerPush,
        @DefaultValue("3d") Duration rollUpAfter,
        @DefaultValue("400d") Duration retention) {

    public SloProperties {
        if (rollUpAfter.compareTo(acceptLate) <= 0) {
            throw new IllegalArgumentException("klaxon.slo.roll-up-after must be longer than klaxon.slo.accept-late");
        }
        if (retention.compareTo(java.time.Duration.ofDays(32)) < 0 || retention.compareTo(rollUpAfter) <= 0) {
            throw new IllegalArgumentException(
                    "klaxon.slo.retention must be at least 32 days and longer than klaxon.slo.roll-up-after");
        }
        if (batchSize < 1 || maxEventsPerPush < 1) {
            throw new IllegalArgumentException("klaxon.slo.batch-size and max-events-per-push must be at least 1");
        }
    }
}
