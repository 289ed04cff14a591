package dev.klaxon.notify.internal;

import dev.klaxon.common.BackgroundWork;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries when the next one falls due, at least every poll interval, and at once after a transaction
 * that created deliveries commits on this instance ({@link #wakeAfterCommit()}; staged escalation pages fall due at
 * an exact instant, so the worker wakes then, not at its next poll). Which instance sends a delivery is decided by
 * the claim in the database.
 */
@Component
public class DeliveryWorker extends BackgroundWork {

    private final Outbox outbox;
    private final DeliveryStore deliveries;

    DeliveryWorker(Outbox outbox, DeliveryStore deliveries, NotifyProperties properties) {
        super("notify-deliveries", properties.worker());
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    @Override
    protected int runDue() {
        return outbox.sendDue();
    }

    @Override
    protected Optional<Instant> nextDue() {
        return deliveries.nextDue();
    }
}
