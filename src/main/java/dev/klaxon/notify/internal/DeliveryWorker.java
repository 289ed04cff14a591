package dev.klaxon.notify.internal;

import dev.klaxon.common.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One background thread per instance (when {@code klaxon.notify.worker-enabled}) that sends due deliveries when the
 * next one falls due, at least every poll interval, and at once after a transaction that created deliveries
 * commits ({@link #wakeAfterCommit()}).
 * Which instance sends a delivery is decided by the claim in the database.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private final NotifyProperties properties;
    private final BackgroundLoop loop;

    DeliveryWorker(Outbox outbox, DeliveryStore deliveries, NotifyProperties properties, Clock clock) {
        this.properties = properties;
        // Staged escalation pages fall due at an exact instant: the loop wakes then, not at its next poll.
        this.loop = BackgroundLoop.untilDue(
                "notify-deliveries",
                properties.pollInterval(),
                () -> deliveries
                        .nextDue()
                        .map(next -> Duration.between(clock.instant(), next))
                        .orElse(null),
                Duration.ZERO,
                outbox::sendDue);
    }

    /** Asks the loop to look for due deliveries once the current transaction commits. */
    public void wakeAfterCommit() {
        loop.wakeAfterCommit();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
