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
 */
@ConfigurationProperties("klaxon.slo")
public record SloProperties(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("200") int batchSize,
        @DefaultValue("2d") Duration acceptLate,
        @DefaultValue("5m") Duration acceptFuture,
        @DefaultValue("10000") int maxEventsPerPush) {}
