package dev.klaxon.oncall.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.oncall.*}: the on-call module.
 *
 * @param handoffWorkerEnabled whether this instance runs the hand-off worker (default true); every instance
 *     may, the database hands each due hand-off to one of them
 * @param handoffPollInterval how often the worker looks for passed hand-offs (default 30s)
 */
@ConfigurationProperties("klaxon.oncall")
public record OnCallProperties(
        @DefaultValue("true") boolean handoffWorkerEnabled,
        @DefaultValue("30s") Duration handoffPollInterval) {

    public OnCallProperties {
        if (handoffPollInterval.isNegative() || handoffPollInterval.isZero()) {
            throw new IllegalArgumentException("klaxon.oncall.handoff-poll-interval must be positive");
        }
    }
}
