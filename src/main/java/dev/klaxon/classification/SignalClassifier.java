package dev.klaxon.classification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.classification.ClassificationDefinition.Priority;
import dev.klaxon.classification.ErrorBudgetFallback.BudgetState;
import dev.klaxon.classification.internal.AlertRuleStore;
import dev.klaxon.classification.internal.FiringStore;
import dev.klaxon.classification.internal.SloPriorityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Decides the priority of a new signal: an alert by its service's rules (first match, then the service
 * default), an SLO breach by the SLO's priority at the breach time (then the error-budget fallback); a rule or
 * SLO with frequency steps that fired often enough within a window gets the step's more urgent priority.
 *
 * <p>Runs on the intake's hot path, so rules and the definition are cached for a few seconds; a change made
 * on this instance is seen at once, one made on another instance within {@link #CACHE_TTL}.
 */
@Service
public class SignalClassifier {

    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    private final AlertRuleStore rules;
    private final SloPriorityStore sloPriorities;
    private final FiringStore firings;
    private final Classification classification;
    private final Cache<UUID, ServiceRules> rulesByService = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CACHE_TTL)
            .build();
    private final Cache<String, Pattern> patterns =
            Caffeine.newBuilder().maximumSize(10_000).build();

    SignalClassifier(
            AlertRuleStore rules, SloPriorityStore sloPriorities, FiringStore firings, Classification classification) {
        this.rules = rules;
        this.sloPriorities = sloPriorities;
        this.firings = firings;
        this.classification = classification;
    }

    private record ServiceRules(List<AlertRule> rules, Optional<ServiceDefault> fallback) {}

    /**
     * Classifies a new alert from its fields ({@code payload.severity}, {@code labels.team}, ...). Joins the
     * caller's transaction: a firing it records commits or rolls back with the alert.
     */
    @Transactional
    public PriorityDecision classifyAlert(UUID serviceId, Map<String, String> fields, Instant at) {
        return classify(serviceId, () -> fields, at, true);
    }

    /**
     * Classifies an alert whose fields are built only if the service has rules to match them against.
     * {@code countFiring} is false when an open alert is re-evaluated on a repeat: a repeat is the same
     * breakage, not a new firing.
     */
    @Transactional
    public PriorityDecision classifyAlert(
            UUID serviceId, Supplier<Map<String, String>> fields, Instant at, boolean countFiring) {
        return classify(serviceId, fields, at, countFiring);
    }

    private PriorityDecision classify(
            UUID serviceId, Supplier<Map<String, String>> lazyFields, Instant at, boolean countFiring) {
        var current = current();
        var definition = current.definition();
        var service = rulesByService.get(serviceId, id -> new ServiceRules(rules.list(id), rules.findDefault(id)));
        Map<String, String> fields = service.rules().isEmpty() ? Map.of() : lazyFields.get();
        for (AlertRule rule : service.rules()) {
            if (matches(rule, fields)) {
                if (!rule.opensIncident()) {
                    return new PriorityDecision(
                            false, null, "No incident by rule '" + rule.name() + "'", current.version());
                }
                return decide(
                        "rule:" + rule.id(),
                        rule.priority(),
                        rule.frequency(),
                        "rule '" + rule.name() + "'",
                        at,
                        current,
                        countFiring);
            }
        }
        var fallback = service.fallback();
        if (fallback.isPresent() && !fallback.get().opensIncident()) {
            return new PriorityDecision(false, null, "No incident by the service default", current.version());
        }
        String priority = fallback.map(ServiceDefault::priority).orElse(null);
        if (priority == null || definition.priority(priority) == null) {
            return new PriorityDecision(
                    true,
                    leastUrgent(definition),
                    leastUrgent(definition) + " as no rule matched (least urgent priority)",
                    current.version());
        }
        return new PriorityDecision(true, priority, priority + " by the service default", current.version());
    }

    /**
     * Classifies an SLO breach: the SLO's priority as it was at {@code breachAt}, else the error-budget
     * fallback on {@code budget}, else the least urgent priority.
     */
    @Transactional
    public PriorityDecision classifySloBreach(UUID sloId, String sloName, Instant breachAt, BudgetState budget) {
        var current = current();
        var definition = current.definition();
        var assigned = sloPriorities.at(sloId, breachAt);
        if (assigned.isPresent() && assigned.get().priority() != null) {
            return decide(
                    "slo:" + sloId,
                    assigned.get().priority(),
                    assigned.get().frequency(),
                    "SLO '" + sloName + "'",
                    breachAt,
                    current,
                    true);
        }
        List<String> order =
                definition.priorities().stream().map(Priority::name).toList();
        var byBudget = definition.errorBudgetFallback() == null
                ? Optional.<String>empty()
                : definition.errorBudgetFallback().priorityFor(budget, order);
        if (byBudget.isPresent()) {
            return new PriorityDecision(
                    true,
                    byBudget.get(),
                    byBudget.get() + " by the error-budget fallback for SLO '" + sloName
                            + "' (it has no priority of its own)",
                    current.version());
        }
        return new PriorityDecision(
                true,
                leastUrgent(definition),
                leastUrgent(definition) + " for SLO '" + sloName
                        + "': no priority of its own and no error-budget rule matched",
                current.version());
    }

    /** After commit, so that no other thread reloads the old rules into the cache in between. */
    @TransactionalEventListener(fallbackExecution = true)
    void rulesChanged(AlertRulesChanged event) {
        rulesByService.invalidate(event.serviceId());
    }

    private PriorityDecision decide(
            String ruleKey,
            String basePriority,
            List<FrequencyStep> frequency,
            String source,
            Instant at,
            ClassificationVersion current,
            boolean countFiring) {
        var definition = current.definition();
        String priority = definition.priority(basePriority) != null ? basePriority : leastUrgent(definition);
        String reason = priority + " by " + source;
        if (frequency.isEmpty()) {
            return new PriorityDecision(true, priority, reason, current.version());
        }
        if (countFiring) {
            firings.record(ruleKey, at);
            Duration longest = frequency.stream()
                    .map(FrequencyStep::within)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            firings.forgetBefore(ruleKey, at.minus(longest));
        }
        Comparator<String> urgency = Comparator.comparingInt(p -> rank(definition, p));
        for (FrequencyStep step : frequency) {
            int count = firings.count(ruleKey, at.minus(step.within()), at);
            if (count > step.moreThan()
                    && definition.priority(step.priority()) != null
                    && urgency.compare(step.priority(), priority) < 0) {
                priority = step.priority();
                reason = priority + " by " + source + ": fired " + count + " times within " + pretty(step.within());
            }
        }
        return new PriorityDecision(true, priority, reason, current.version());
    }

    private ClassificationVersion current() {
        return classification.current();
    }

    private boolean matches(AlertRule rule, Map<String, String> fields) {
        for (RuleCondition condition : rule.conditions()) {
            Pattern pattern =
                    condition.op() == RuleCondition.Op.REGEX ? patterns.get(condition.value(), Pattern::compile) : null;
            if (!condition.matches(fields, pattern)) {
                return false;
            }
        }
        return true;
    }

    private static int rank(ClassificationDefinition definition, String priority) {
        for (int i = 0; i < definition.priorities().size(); i++) {
            if (definition.priorities().get(i).name().equals(priority)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String leastUrgent(ClassificationDefinition definition) {
        return definition.priorities().get(definition.priorities().size() - 1).name();
    }

    private static String pretty(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
