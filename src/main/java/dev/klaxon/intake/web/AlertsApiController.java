package dev.klaxon.intake.web;

import dev.klaxon.incidents.Incidents;
import dev.klaxon.intake.AlertView;
import dev.klaxon.intake.Alerts;
import dev.klaxon.intake.ChangeEventView;
import dev.klaxon.services.Services;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API for alerts and change events (authenticated like the rest of /api/v1). */
@RestController
@RequestMapping("/api/v1")
class AlertsApiController {

    private final Alerts alerts;
    private final Incidents incidents;
    private final Services services;

    AlertsApiController(Alerts alerts, Incidents incidents, Services services) {
        this.alerts = alerts;
        this.incidents = incidents;
        this.services = services;
    }

    @GetMapping("/incidents/{id}/alerts")
    List<AlertView> alertsOfIncident(@PathVariable UUID id) {
        incidents.get(id);
        return alerts.listForIncident(id);
    }

    /** Alerts the service's rules recorded without an incident, newest first. */
    @GetMapping("/services/{id}/recorded-alerts")
    List<AlertView> recordedAlerts(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        services.get(id);
        return alerts.withoutIncident(id, limit);
    }

    /** Newest first. */
    @GetMapping("/services/{id}/changes")
    List<ChangeEventView> changesOfService(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        services.get(id);
        return alerts.changesForService(id, limit);
    }
}
