package dev.klaxon.notify;

import dev.klaxon.notify.internal.Outbox;
import org.springframework.stereotype.Service;

/**
 * The delivery outbox as a whole. The background loop calls {@link #sendDue()} every poll interval; tests and
 * tools may call it directly.
 */
@Service
public class Deliveries {

    private final Outbox outbox;

    Deliveries(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Sends every delivery that is due by the clock now, each at most once across instances, and waits for the
     * outcomes; returns how many deliveries it handled.
     */
    public int sendDue() {
        return outbox.sendDue();
    }
}
