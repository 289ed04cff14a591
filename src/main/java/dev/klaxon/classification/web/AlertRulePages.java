package dev.klaxon.classification.web;

import dev.klaxon.classification.AlertRule;
import dev.klaxon.classification.AlertRules;
import dev.klaxon.classification.Classification;
import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.classification.FrequencyStep;
import dev.klaxon.classification.RuleCondition;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.services.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The alert rules section of a service page, loaded and updated in place with htmx: list in evaluation
 * order, move up/down, delete, add a rule with up to three conditions and a frequency step, set the default.
 */
@Controller
class AlertRulePages {

    private static final int FORM_CONDITIONS = 3;

    private final AlertRules alertRules;
    private final Classification classification;
    private final Services services;

    AlertRulePages(AlertRules alertRules, Classification classification, Services services) {
        this.alertRules = alertRules;
        this.classification = classification;
        this.services = services;
    }

    @GetMapping("/services/{serviceId}/alert-rules")
    String section(@PathVariable UUID serviceId, Caller me, Model model) {
        model.addAttribute("serviceId", serviceId);
        model.addAttribute(
                "mayManage",
                me.can(Permission.ALERT_RULES_MANAGE, services.get(serviceId).teamId()));
        model.addAttribute("rules", alertRules.list(serviceId));
        model.addAttribute("fallback", alertRules.findDefault(serviceId).orElse(null));
        model.addAttribute(
                "priorities",
                classification.current().definition().priorities().stream()
                        .map(ClassificationDefinition.Priority::name)
                        .toList());
        model.addAttribute("ops", RuleCondition.Op.values());
        return "classification/alert-rules :: section";
    }

    @PostMapping("/services/{serviceId}/alert-rules")
    String add(
            @PathVariable UUID serviceId,
            @RequestParam String name,
            @RequestParam(name = "field", required = false) List<String> fields,
            @RequestParam(name = "op", required = false) List<String> ops,
            @RequestParam(name = "value", required = false) List<String> values,
            @RequestParam(defaultValue = "") String priority,
            @RequestParam(required = false) Integer moreThan,
            @RequestParam(required = false) Integer withinMinutes,
            @RequestParam(defaultValue = "") String frequencyPriority,
            Caller me,
            Model model) {
        List<RuleCondition> conditions = new ArrayList<>();
        for (int i = 0; fields != null && i < Math.min(fields.size(), FORM_CONDITIONS); i++) {
            if (fields.get(i) == null || fields.get(i).isBlank()) {
                continue;
            }
            RuleCondition.Op op;
            try {
                op = RuleCondition.Op.fromWire(ops.get(i));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("conditions[" + i + "].op", e.getMessage());
            }
            String value = values == null || values.get(i).isEmpty() ? null : values.get(i);
            conditions.add(new RuleCondition(fields.get(i).strip(), op, value));
        }
        List<FrequencyStep> frequency = moreThan == null
                ? List.of()
                : List.of(new FrequencyStep(
                        moreThan,
                        Duration.ofMinutes(withinMinutes == null ? 60 : withinMinutes),
                        frequencyPriority.isEmpty() ? null : frequencyPriority));
        alertRules.create(serviceId, name, conditions, priority.isEmpty() ? null : priority, frequency, null, me);
        return section(serviceId, me, model);
    }

    @PostMapping("/alert-rules/{ruleId}/move")
    String move(@PathVariable UUID ruleId, @RequestParam String direction, Caller me, Model model) {
        var rule = alertRules.get(ruleId);
        List<UUID> order = new ArrayList<>(
                alertRules.list(rule.serviceId()).stream().map(AlertRule::id).toList());
        int from = order.indexOf(ruleId);
        int to = "up".equals(direction) ? from - 1 : from + 1;
        if (to >= 0 && to < order.size()) {
            order.add(to, order.remove(from));
        }
        // Reordered even at the edge (unchanged), so that the permission is checked whatever the position.
        alertRules.reorder(rule.serviceId(), order, me);
        return section(rule.serviceId(), me, model);
    }

    @PostMapping("/alert-rules/{ruleId}/delete")
    String delete(@PathVariable UUID ruleId, Caller me, Model model) {
        var rule = alertRules.get(ruleId);
        alertRules.delete(ruleId, me);
        return section(rule.serviceId(), me, model);
    }

    @PostMapping("/services/{serviceId}/alert-rules/default")
    String setDefault(@PathVariable UUID serviceId, @RequestParam String priority, Caller me, Model model) {
        boolean opens = !"none".equals(priority);
        alertRules.setDefault(serviceId, opens, opens ? priority : null, me);
        return section(serviceId, me, model);
    }
}
