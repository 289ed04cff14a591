package dev.klaxon.classification;

import dev.klaxon.classification.internal.AlertRuleStore;
import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.services.Services;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A service's alert rules (first match wins, order editable) and its default for alerts no rule matches. */
@Service
public class AlertRules {

    private final AlertRuleStore store;
    private final Services services;
    private final Classification classification;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AlertRules(
            AlertRuleStore store,
            Services services,
            Classification classification,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.services = services;
        this.classification = classification;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<AlertRule> list(UUID serviceId) {
        services.get(serviceId);
        return store.list(serviceId);
    }

    @Transactional(readOnly = true)
    public AlertRule get(UUID ruleId) {
        return store.find(ruleId).orElseThrow(() -> new NotFoundException("Alert rule", ruleId));
    }

    /**
     * Adds a rule at {@code position} (0-based; null or past the end appends), moving later rules down.
     */
    @Transactional
    public AlertRule create(
            UUID serviceId,
            String name,
            List<RuleCondition> conditions,
            String priority,
            List<FrequencyStep> frequency,
            Integer position,
            Caller by) {
        requireManager(serviceId, by);
        RuleValidation.checkRule(
                name, conditions, priority, frequency, classification.current().definition());
        List<AlertRule> existing = store.lockAll(serviceId);
        int at = position == null || position > existing.size() ? existing.size() : Math.max(0, position);
        for (int i = at; i < existing.size(); i++) {
            store.setPosition(existing.get(i).id(), i + 1);
        }
        var rule = new AlertRule(
                Ids.timeOrdered(), serviceId, at, name.strip(), conditions, priority, frequency, clock.instant());
        store.insert(rule);
        changed(serviceId);
        return rule;
    }

    @Transactional
    public AlertRule update(
            UUID ruleId,
            String name,
            List<RuleCondition> conditions,
            String priority,
            List<FrequencyStep> frequency,
            Caller by) {
        var current = get(ruleId);
        requireManager(current.serviceId(), by);
        RuleValidation.checkRule(
                name, conditions, priority, frequency, classification.current().definition());
        var rule = new AlertRule(
                ruleId,
                current.serviceId(),
                current.position(),
                name.strip(),
                conditions,
                priority,
                frequency,
                current.createdAt());
        store.update(rule);
        changed(current.serviceId());
        return rule;
    }

    @Transactional
    public void delete(UUID ruleId, Caller by) {
        var rule = get(ruleId);
        requireManager(rule.serviceId(), by);
        List<AlertRule> rules = store.lockAll(rule.serviceId());
        store.delete(ruleId);
        int position = 0;
        for (AlertRule r : rules) {
            if (!r.id().equals(ruleId)) {
                store.setPosition(r.id(), position++);
            }
        }
        changed(rule.serviceId());
    }

    /** Puts the service's rules in the given order; the list must name each of its rules exactly once. */
    @Transactional
    public List<AlertRule> reorder(UUID serviceId, List<UUID> ruleIds, Caller by) {
        requireManager(serviceId, by);
        List<AlertRule> rules = store.lockAll(serviceId);
        var expected = new HashSet<>(rules.stream().map(AlertRule::id).toList());
        if (ruleIds == null || ruleIds.size() != rules.size() || !expected.equals(new HashSet<>(ruleIds))) {
            throw InvalidInputException.of(
                    "ruleIds", "must list each of the service's " + rules.size() + " rules exactly once");
        }
        for (int i = 0; i < ruleIds.size(); i++) {
            store.setPosition(ruleIds.get(i), i);
        }
        changed(serviceId);
        return store.list(serviceId);
    }

    /** A service's alert rules are its team managers' (and administrators'). */
    private void requireManager(UUID serviceId, Caller by) {
        by.require(Permission.ALERT_RULES_MANAGE, services.get(serviceId).teamId());
    }

    @Transactional(readOnly = true)
    public Optional<ServiceDefault> findDefault(UUID serviceId) {
        services.get(serviceId);
        return store.findDefault(serviceId);
    }

    @Transactional
    public ServiceDefault setDefault(UUID serviceId, boolean opensIncident, String priority, Caller caller) {
        requireManager(serviceId, caller);
        Actor by = caller.actor();
        if (opensIncident) {
            var errors = new java.util.ArrayList<InvalidInputException.FieldError>();
            RuleValidation.checkPriority(
                    "priority", priority, true, classification.current().definition(), errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        } else if (priority != null) {
            throw InvalidInputException.of("priority", "must be empty when the default opens no incident");
        }
        var value = new ServiceDefault(opensIncident, priority, clock.instant(), by.name());
        store.saveDefault(serviceId, value);
        changed(serviceId);
        return value;
    }

    private void changed(UUID serviceId) {
        events.publishEvent(new AlertRulesChanged(serviceId));
    }
}
