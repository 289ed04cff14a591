package dev.klaxon.escalation.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.escalation.*}: the escalation engine.
 *
 * @param workerEnabled whether this instance runs the engine loop (default true); every instance may, the
 *     database hands each due step to exactly one of them
 * @param pollInterval the longest the loop sleeps; it also wakes when a step falls due and when this instance
 *     starts an escalation (default 1s)
 * @param batchSize due steps claimed and paged in one transaction (default 500)
 */
@ConfigurationProperties("klaxon.escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("500") int batchSize) {

    public EscalationProperties {
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("klaxon.escalation.batch-size must be between 1 and 5000");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("klaxon.escalation.poll-interval must be positive");
        }
    }
}
