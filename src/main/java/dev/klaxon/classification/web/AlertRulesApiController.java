package dev.klaxon.classification.web;

import dev.klaxon.classification.AlertRule;
import dev.klaxon.classification.AlertRules;
import dev.klaxon.classification.FrequencyStep;
import dev.klaxon.classification.RuleCondition;
import dev.klaxon.classification.ServiceDefault;
import dev.klaxon.classification.SloPriorities;
import dev.klaxon.classification.SloPriority;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rules that give signals their priority: per-service alert rules and defaults, and SLO priorities. */
@RestController
@RequestMapping("/api/v1")
class AlertRulesApiController {

    private final AlertRules alertRules;
    private final SloPriorities sloPriorities;

    AlertRulesApiController(AlertRules alertRules, SloPriorities sloPriorities) {
        this.alertRules = alertRules;
        this.sloPriorities = sloPriorities;
    }

    /**
     * @param priority null: record matching alerts, open no incident
     * @param position where to insert (0 = first); absent: last
     */
    record RuleBody(
            String name,
            List<RuleCondition> conditions,
            String priority,
            List<FrequencyStep> frequency,
            Integer position) {}

    record Order(@NotNull List<UUID> ruleIds) {}

    record DefaultBody(Boolean opensIncident, String priority) {}

    record SloPriorityBody(String priority, List<FrequencyStep> frequency) {}

    @PostMapping("/services/{serviceId}/alert-rules")
    @ResponseStatus(HttpStatus.CREATED)
    AlertRule create(@PathVariable UUID serviceId, @RequestBody RuleBody body, Caller me) {
        return alertRules.create(
                serviceId,
                nameOrDefault(body),
                body.conditions(),
                body.priority(),
                body.frequency(),
                body.position(),
                me);
    }

    @GetMapping("/services/{serviceId}/alert-rules")
    List<AlertRule> list(@PathVariable UUID serviceId) {
        return alertRules.list(serviceId);
    }

    @PutMapping("/services/{serviceId}/alert-rules/order")
    List<AlertRule> reorder(@PathVariable UUID serviceId, @RequestBody Order body, Caller me) {
        return alertRules.reorder(serviceId, body.ruleIds(), me);
    }

    @GetMapping("/services/{serviceId}/alert-rules/default")
    ServiceDefault getDefault(@PathVariable UUID serviceId) {
        return alertRules
                .findDefault(serviceId)
                .orElseThrow(() -> new NotFoundException(
                        "Default rule of service",
                        serviceId + " (none set: alerts no rule matches get the least urgent priority)"));
    }

    /** {@code {"priority":"P3"}} or {@code {"opensIncident":false}}. */
    @PutMapping("/services/{serviceId}/alert-rules/default")
    ServiceDefault setDefault(@PathVariable UUID serviceId, @RequestBody DefaultBody body, Caller me) {
        boolean opens = body.opensIncident() == null || body.opensIncident();
        return alertRules.setDefault(serviceId, opens, body.priority(), me);
    }

    @GetMapping("/alert-rules/{ruleId}")
    AlertRule get(@PathVariable UUID ruleId) {
        return alertRules.get(ruleId);
    }

    @PutMapping("/alert-rules/{ruleId}")
    AlertRule update(@PathVariable UUID ruleId, @RequestBody RuleBody body, Caller me) {
        return alertRules.update(ruleId, nameOrDefault(body), body.conditions(), body.priority(), body.frequency(), me);
    }

    @DeleteMapping("/alert-rules/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID ruleId, Caller me) {
        alertRules.delete(ruleId, me);
    }

    @PutMapping("/slos/{sloId}/priority")
    SloPriority setSloPriority(@PathVariable UUID sloId, @RequestBody SloPriorityBody body, Caller me) {
        return sloPriorities.set(sloId, body.priority(), body.frequency(), me);
    }

    @GetMapping("/slos/{sloId}/priority/history")
    List<SloPriority> sloPriorityHistory(@PathVariable UUID sloId) {
        return sloPriorities.history(sloId);
    }

    /** Rules are often created from a condition alone; name them after it. */
    private static String nameOrDefault(RuleBody body) {
        if (body.name() != null
                || body.conditions() == null
                || body.conditions().isEmpty()
                || body.conditions().get(0) == null) {
            return body.name();
        }
        var first = body.conditions().get(0);
        return first.field() + " " + (first.op() == null ? "?" : first.op().wireName())
                + (first.value() == null ? "" : " " + first.value());
    }
}
