package dev.klaxon.notify.internal;

import dev.klaxon.incidents.IncidentAcknowledged;
import dev.klaxon.incidents.IncidentResolved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stops deliveries that have not gone out yet once nobody needs them: acknowledging cancels the pending
 * deliveries of escalation pages (a ROLE page still wants its role filled), resolving cancels all. Runs in the
 * acknowledging or resolving transaction, so the cancellation commits with it.
 */
@Component
class IncidentProgressListener {

    private final DeliveryStore deliveries;

    IncidentProgressListener(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    void on(IncidentAcknowledged event) {
        deliveries.cancelPending(
                event.incidentId(),
                false,
                "Cancelled: the incident was acknowledged by " + event.by().name());
    }

    @EventListener
    void on(IncidentResolved event) {
        deliveries.cancelPending(
                event.incidentId(),
                true,
                "Cancelled: the incident was resolved by " + event.by().name());
    }
}
