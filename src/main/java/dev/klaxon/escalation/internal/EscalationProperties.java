package dev.klaxon.escalation.internal;

import dev.klaxon.common.WorkerSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.escalation.*}: the escalation engine.
 *
 * @param worker {@code klaxon.escalation.worker.*}: {@code enabled} (default true; every instance may run the
 *     engine, the database hands each due step to exactly one of them), {@code poll-interval} (the longest the
 *     engine sleeps; it also wakes when a step falls due and when this instance starts an escalation; default 1s),
 *     {@code settle} (how long it lingers after this instance opened an incident before paging, so that a burst of
 *     new incidents is paged in a few batches rather than one transaction each; default 20ms, 0 = none)
 * @param batchSize due steps claimed and paged in one transaction (default 500)
 * @param stageAhead how long before an escalation step falls due its pages and deliveries are written, so that at
 *     the due instant the outbox only hands them to a sender (default 1m; 0 = write them when due). A change to a
 *     rotation, an override or the policy made within this time before a step still pages whom it named when the
 *     step was staged; the step pages whoever it names at its due time as well.
 */
@ConfigurationProperties("klaxon.escalation")
public record EscalationProperties(
        WorkerSettings worker,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1m") Duration stageAhead) {

    public EscalationProperties {
        worker = (worker == null ? new WorkerSettings(null, null, null) : worker)
                .withDefaults("escalation", Duration.ofSeconds(1), Duration.ofMillis(20));
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("klaxon.escalation.batch-size must be between 1 and 5000");
        }
        if (stageAhead.isNegative() || stageAhead.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("klaxon.escalation.stage-ahead must be between 0 and 1h");
        }
    }
}
