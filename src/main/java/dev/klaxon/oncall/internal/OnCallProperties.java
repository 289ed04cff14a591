package dev.klaxon.oncall.internal;

import dev.klaxon.common.WorkerSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code klaxon.oncall.*}: the on-call module.
 *
 * @param worker {@code klaxon.oncall.worker.*}: the hand-off worker: {@code enabled} (default true; every instance
 *     may run it, the database hands each due hand-off to one of them), {@code poll-interval} (how often it looks
 *     for passed hand-offs, default 30s: a hand-off is announced at most this late), {@code settle} (default 0)
 */
@ConfigurationProperties("klaxon.oncall")
public record OnCallProperties(WorkerSettings worker) {

    public OnCallProperties {
        worker = (worker == null ? new WorkerSettings(null, null, null) : worker)
                .withDefaults("oncall", Duration.ofSeconds(30), Duration.ZERO);
    }
}
