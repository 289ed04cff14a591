package dev.klaxon.intake.web;

import dev.klaxon.intake.Alerts;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Page fragments that other modules' pages load with htmx: the alerts of an incident and the changes of a
 * service. Composing in the browser keeps incidents and services free of a dependency on intake.
 */
@Controller
class AlertFragments {

    private static final int RECENT_CHANGES = 20;

    private final Alerts alerts;

    AlertFragments(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/incidents/{id}/alerts")
    String incidentAlerts(@PathVariable UUID id, Model model) {
        model.addAttribute("alerts", alerts.listForIncident(id));
        return "intake/fragments :: alerts";
    }

    @GetMapping("/services/{id}/changes")
    String serviceChanges(@PathVariable UUID id, Model model) {
        model.addAttribute("changes", alerts.changesForService(id, RECENT_CHANGES));
        model.addAttribute("recorded", alerts.withoutIncident(id, RECENT_CHANGES));
        return "intake/fragments :: changes";
    }
}
