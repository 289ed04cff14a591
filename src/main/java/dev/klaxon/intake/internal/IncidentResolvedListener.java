package dev.klaxon.intake.internal;

import dev.klaxon.incidents.IncidentResolved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an incident resolves (a person resolved it, or its last alert), its still-open alerts resolve with it,
 * in the same transaction, so the next trigger with one of their keys opens a new incident.
 */
@Component
class IncidentResolvedListener {

    private final AlertStore alerts;

    IncidentResolvedListener(AlertStore alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void on(IncidentResolved event) {
        alerts.resolveAllOf(event.incidentId(), event.at());
    }
}
