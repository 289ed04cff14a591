package dev.klaxon.intake;

import dev.klaxon.intake.internal.AlertStore;
import dev.klaxon.intake.internal.ChangeEventStore;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads alerts and change events: what the incident and service pages show. */
@Service
public class Alerts {

    public static final int MAX_CHANGES_LIMIT = 500;

    private final AlertStore alerts;
    private final ChangeEventStore changes;

    Alerts(AlertStore alerts, ChangeEventStore changes) {
        this.alerts = alerts;
        this.changes = changes;
    }

    /** The alerts of an incident, oldest first. */
    @Transactional(readOnly = true)
    public List<AlertView> listForIncident(UUID incidentId) {
        return alerts.listForIncident(incidentId);
    }

    /**
     * Alerts a rule recorded without opening an incident ("no incident" rules), newest first; {@code limit}
     * is clamped to 1..{@value #MAX_CHANGES_LIMIT}.
     */
    @Transactional(readOnly = true)
    public List<AlertView> withoutIncident(UUID serviceId, int limit) {
        return alerts.listWithoutIncident(serviceId, Math.max(1, Math.min(limit, MAX_CHANGES_LIMIT)));
    }

    /** A service's change events, newest first; {@code limit} is clamped to 1..{@value #MAX_CHANGES_LIMIT}. */
    @Transactional(readOnly = true)
    public List<ChangeEventView> changesForService(UUID serviceId, int limit) {
        return changes.listForService(serviceId, Math.max(1, Math.min(limit, MAX_CHANGES_LIMIT)));
    }
}
