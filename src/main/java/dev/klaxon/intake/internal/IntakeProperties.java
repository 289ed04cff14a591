package dev.klaxon.intake.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.intake.*}: the group-commit pipeline that writes accepted events.
 *
 * @param writers writer threads, each with its own queue and one database connection while it writes
 *     (default 1: one writer makes the largest batches, and batched statements
 *     are what makes intake fast). Events of one (service, dedup key) always go to the same writer.
 * @param maxBatch most events one writer commits in one transaction (default 256)
 * @param queueCapacity events waiting per writer before new ones are refused with 429 (default 4096)
 * @param submitTimeout how long a request waits for its event to be committed before answering 503
 *     (default 10s); the event may still be committed after that
 * @param maxBodyBytes largest accepted Events API request body in bytes (default 524288 = 512 KB, PagerDuty's
 *     limit)
 * @param maxWebhookBodyBytes largest accepted Alertmanager notification in bytes (default 4194304 = 4 MB: one
 *     notification carries a whole alert group)
 */
@ConfigurationProperties("klaxon.intake")
public record IntakeProperties(
        @DefaultValue("1") int writers,
        @DefaultValue("256") int maxBatch,
        @DefaultValue("4096") int queueCapacity,
        @DefaultValue("10s") Duration submitTimeout,
        @DefaultValue("524288") int maxBodyBytes,
        @DefaultValue("4194304") int maxWebhookBodyBytes) {

    public IntakeProperties {
        if (writers < 1 || maxBatch < 1 || queueCapacity < 1 || maxBodyBytes < 1 || maxWebhookBodyBytes < 1) {
            throw new IllegalArgumentException("klaxon.intake.* sizes must be at least 1");
        }
    }
}
