package dev.klaxon.slo.internal;

import dev.klaxon.classification.ErrorBudgetFallback.BudgetState;
import dev.klaxon.classification.PriorityDecision;
import dev.klaxon.classification.SignalClassifier;
import dev.klaxon.common.Ids;
import dev.klaxon.intake.InternalSignals;
import dev.klaxon.slo.AlertCondition;
import dev.klaxon.slo.BurnRate;
import dev.klaxon.slo.ErrorBudget;
import dev.klaxon.slo.Exhaustion;
import dev.klaxon.slo.SloBreachView;
import dev.klaxon.slo.SloStatus;
import dev.klaxon.slo.SloStatus.ConditionStatus;
import dev.klaxon.slo.SloView;
import dev.klaxon.slo.SloWindow;
import dev.klaxon.slo.internal.BreachStore.ConditionState;
import dev.klaxon.slo.internal.BucketStore.Counts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes an SLO's status from its buckets and acts on changes of its alerting conditions: a condition
 * becoming true is a breach (classified, recorded, raised as a signal unless snoozed), staying true re-alerts
 * once the snooze has passed, becoming false resolves the signal.
 */
@Component
public class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    /** The burn rate the exhaustion projection extrapolates. */
    public static final Duration PROJECTION_SPAN = Duration.ofHours(1);

    private static final double WARNING_REMAINING = 0.25;

    private final BucketStore buckets;
    private final BreachStore breaches;
    private final SignalClassifier classifier;
    private final InternalSignals signals;
    private final TransactionTemplate tx;

    Evaluator(
            BucketStore buckets,
            BreachStore breaches,
            SignalClassifier classifier,
            InternalSignals signals,
            TransactionTemplate tx) {
        this.buckets = buckets;
        this.breaches = breaches;
        this.classifier = classifier;
        this.signals = signals;
        this.tx = tx;
    }

    /** The status at {@code now} with the condition states as last evaluated. */
    public SloStatus status(SloView slo, Instant now) {
        return compute(slo, now, breaches.states(slo.id()), buckets.sums(slo.id(), since(slo, now), now))
                .status();
    }

    /** The status of each SLO at {@code now} (conditions as last evaluated), read together. */
    public Map<UUID, SloStatus> statuses(List<SloView> slos, Instant now) {
        var states = breaches.states(ids(slos));
        var sums = sums(slos, now);
        Map<UUID, SloStatus> result = new HashMap<>();
        for (SloView slo : slos) {
            result.put(
                    slo.id(),
                    compute(slo, now, states.getOrDefault(slo.id(), Map.of()), sums.get(slo.id()))
                            .status());
        }
        return result;
    }

    /** What an evaluation found; the status (with its condition descriptions) is built only when asked for. */
    private record Computed(
            SloView slo,
            Instant now,
            ErrorBudget budget,
            Map<String, Double> burnRates,
            Instant exhaustion,
            boolean exhausts,
            Map<String, Boolean> met,
            Map<String, ConditionState> states,
            SloStatus.State state) {

        SloStatus status() {
            List<ConditionStatus> conditions = new ArrayList<>();
            for (AlertCondition c : slo.alerting().conditions()) {
                var s = states.get(c.name());
                conditions.add(new ConditionStatus(
                        c.name(),
                        describe(c, burnRates),
                        met.get(c.name()),
                        s != null && s.firing(),
                        s == null ? null : s.lastAlertedAt()));
            }
            return new SloStatus(
                    now, budget.sli(), budget, burnRates, exhaustion, exhausts, List.copyOf(conditions), state);
        }
    }

    /** Where the sums an evaluation needs start: the SLO window, then the burn-rate spans in ascending order. */
    private static List<Instant> since(SloView slo, Instant now) {
        List<Instant> since = new ArrayList<>();
        since.add(slo.sloWindow().start(now));
        spans(slo).forEach(d -> since.add(now.minus(d)));
        return since;
    }

    private static TreeSet<Duration> spans(SloView slo) {
        var spans = new TreeSet<Duration>();
        spans.add(PROJECTION_SPAN);
        for (AlertCondition c : slo.alerting().conditions()) {
            spans.addAll(c.windows());
        }
        return spans;
    }

    /** The sums of several SLOs: one read per group of SLOs whose windows start at the same instants. */
    private Map<UUID, List<Counts>> sums(List<SloView> slos, Instant now) {
        Map<List<Instant>, List<UUID>> bySince = new HashMap<>();
        for (SloView slo : slos) {
            bySince.computeIfAbsent(since(slo, now), k -> new ArrayList<>()).add(slo.id());
        }
        Map<UUID, List<Counts>> sums = new HashMap<>();
        bySince.forEach((since, ids) -> sums.putAll(buckets.sums(ids, since, now)));
        return sums;
    }

    private static List<UUID> ids(List<SloView> slos) {
        return slos.stream().map(SloView::id).toList();
    }

    private Computed compute(SloView slo, Instant now, Map<String, ConditionState> states, List<Counts> sums) {
        SloWindow window = slo.sloWindow();
        var spans = spans(slo);
        Counts whole = sums.get(0);
        var budget = ErrorBudget.of(slo.objective(), whole.good(), whole.total());
        Map<String, Double> rates = new LinkedHashMap<>();
        int i = 1;
        for (Duration d : spans) {
            Counts counts = sums.get(i++);
            rates.put(d.toString(), BurnRate.of(slo.objective(), counts.good(), counts.total()));
        }
        Instant exhaustion = Exhaustion.projected(
                budget.remaining(), rates.get(PROJECTION_SPAN.toString()), window.length(now), now);
        boolean exhausts = exhaustion != null && exhaustion.isBefore(window.end(now));
        Map<String, Boolean> met = new HashMap<>();
        boolean page = false;
        boolean ticket = false;
        for (AlertCondition c : slo.alerting().conditions()) {
            boolean isMet = c.windows().stream().allMatch(d -> {
                Double rate = rates.get(d.toString());
                return rate != null && rate > c.threshold();
            });
            met.put(c.name(), isMet);
            if (isMet) {
                page |= c.action() == AlertCondition.Action.page;
                ticket |= c.action() == AlertCondition.Action.ticket;
            }
        }
        SloStatus.State state;
        if (whole.total() == 0) {
            state = SloStatus.State.NO_DATA;
        } else if (page || budget.remaining() <= 0) {
            state = SloStatus.State.BREACHING;
        } else if (ticket || budget.remaining() < WARNING_REMAINING) {
            state = SloStatus.State.WARNING;
        } else {
            state = SloStatus.State.OK;
        }
        return new Computed(slo, now, budget, rates, exhaustion, exhausts, met, states, state);
    }

    /** Evaluates at {@code now} and acts on condition changes; returns the status. */
    public SloStatus evaluate(SloView slo, Instant now) {
        var states = breaches.states(slo.id());
        var computed = compute(slo, now, states, buckets.sums(slo.id(), since(slo, now), now));
        // Nothing changed (the common case): the status computed above is current; no second read.
        return act(slo, now, computed) ? status(slo, now) : computed.status();
    }

    /**
     * Evaluates several SLOs at {@code now}: their sums and condition states are read together, then each acts
     * on its own condition changes. An SLO whose action fails goes to {@code failed} and is left out of the
     * result; the others go on.
     *
     * @return the SLOs evaluated
     */
    public List<SloView> evaluateAll(List<SloView> slos, Instant now, BiConsumer<SloView, RuntimeException> failed) {
        var states = breaches.states(ids(slos));
        var sums = sums(slos, now);
        List<SloView> evaluated = new ArrayList<>();
        for (SloView slo : slos) {
            try {
                var state = states.getOrDefault(slo.id(), Map.of());
                act(slo, now, compute(slo, now, state, sums.get(slo.id())));
                evaluated.add(slo);
            } catch (RuntimeException e) {
                failed.accept(slo, e);
            }
        }
        return evaluated;
    }

    /** Acts on the conditions that changed; returns whether any did. */
    private boolean act(SloView slo, Instant now, Computed computed) {
        Map<String, ConditionState> states = new HashMap<>(computed.states());
        boolean changed = false;
        for (AlertCondition c : slo.alerting().conditions()) {
            var state = states.getOrDefault(c.name(), ConditionState.initial(slo.id(), c.name()));
            if (computed.met().get(c.name())) {
                breaching(slo, c, state, computed, now);
                changed = true;
            } else if (state.firing()) {
                recovered(slo, state, now);
                changed = true;
            }
            states.remove(c.name());
        }
        // Conditions removed from the settings while breaching: they recover.
        for (ConditionState orphan : states.values()) {
            if (orphan.firing()) {
                recovered(slo, orphan, now);
                changed = true;
            }
        }
        return changed;
    }

    private void breaching(SloView slo, AlertCondition c, ConditionState state, Computed computed, Instant now) {
        if (!state.firing()) {
            var breach = newBreach(slo, c, computed, now);
            state = new ConditionState(slo.id(), c.name(), true, breach.id(), state.lastAlertedAt());
            var firing = state;
            tx.executeWithoutResult(s -> {
                breaches.insert(breach);
                breaches.save(firing);
            });
        }
        Duration snooze = slo.alerting().snooze();
        if (state.lastAlertedAt() != null && now.isBefore(state.lastAlertedAt().plus(snooze))) {
            return; // snoozed
        }
        var breach = breaches.find(state.breachId()).orElseThrow();
        Optional<UUID> incident = signals.trigger(new InternalSignals.Signal(
                slo.serviceId(),
                dedupKey(slo, c.name()),
                breach.summary(),
                c.severity(),
                "SLO engine",
                fields(slo, c, breach),
                sender(slo),
                breach.priority(),
                breach.priorityReason()));
        UUID breachId = breach.id();
        if (incident.isPresent()
                && breach.incidentId() != null
                && !breach.incidentId().equals(incident.get())) {
            // People resolved the breach's incident while the SLO kept breaching: the re-alert opened a new
            // incident, recorded as a new breach with its own priority decision.
            var next = newBreach(slo, c, computed, now);
            breachId = next.id();
            tx.executeWithoutResult(s -> {
                breaches.end(breach.id(), now);
                breaches.insert(next);
            });
        }
        UUID finalBreachId = breachId;
        tx.executeWithoutResult(s -> {
            if (incident.isPresent()) {
                breaches.setIncidentIfNone(finalBreachId, incident.get());
            }
            breaches.save(new ConditionState(slo.id(), c.name(), true, finalBreachId, now));
        });
    }

    private void recovered(SloView slo, ConditionState state, Instant now) {
        var breach = state.breachId() == null
                ? null
                : breaches.find(state.breachId()).orElse(null);
        // Always: a no-op for the intake when nothing is open (a snoozed breach), and it also closes an alert
        // whose trigger the rules recorded without an incident.
        signals.resolve(slo.serviceId(), dedupKey(slo, state.condition()), sender(slo));
        tx.executeWithoutResult(s -> {
            if (breach != null) {
                breaches.end(breach.id(), now);
            }
            breaches.save(new ConditionState(slo.id(), state.condition(), false, null, state.lastAlertedAt()));
        });
    }

    /** The SLO is going away: resolves the signals of its breaching conditions and ends their breaches. */
    public void retire(SloView slo, Instant now) {
        for (ConditionState state : breaches.states(slo.id()).values()) {
            if (state.firing()) {
                recovered(slo, state, now);
            }
        }
    }

    private SloBreachView newBreach(SloView slo, AlertCondition c, Computed computed, Instant now) {
        var status = computed.status();
        var budget = status.errorBudget();
        var windowStart = slo.sloWindow().start(now);
        BudgetState state = new BudgetState(budget.remaining(), status.exhaustsBeforeWindowEnd(), span -> {
            if (budget.allowedBad() <= 0) {
                return 0;
            }
            Instant from = now.minus(span).isBefore(windowStart) ? windowStart : now.minus(span);
            Counts counts = buckets.sums(slo.id(), List.of(from), now).get(0);
            return (counts.total() - counts.good()) / budget.allowedBad();
        });
        UUID id = Ids.timeOrdered();
        PriorityDecision decision = classifier.classifySloBreach(slo.id(), slo.name(), now, state);
        String priority = decision.priority();
        String reason = decision.reason();
        if (c.priority() != null) {
            priority = c.priority();
            reason = c.priority() + " by condition '" + c.name() + "' of SLO '" + slo.name() + "' (instead of "
                    + decision.priority() + ")";
        }
        Double rate = computed.burnRates().get(c.windows().get(0).toString());
        String summary = truncate(
                "SLO '" + slo.name() + "' breached (" + c.name() + "): "
                        + describe(c, computed.burnRates()) + "; "
                        + percent(budget.remaining()) + " of the error budget left",
                1024);
        log.info("SLO {} ({}) breached condition {}: {}", slo.name(), slo.id(), c.name(), reason);
        return new SloBreachView(
                id,
                slo.id(),
                c.name(),
                now,
                null,
                priority,
                truncate(reason, 1000),
                decision.classificationVersion(),
                null,
                budget.remaining(),
                rate,
                summary);
    }

    public static String dedupKey(SloView slo, String condition) {
        return "slo:" + slo.id() + ":" + condition;
    }

    private static String sender(SloView slo) {
        return "SLO '" + slo.name() + "'";
    }

    private static Map<String, String> fields(SloView slo, AlertCondition c, SloBreachView breach) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("slo.id", slo.id().toString());
        fields.put("slo.name", slo.name());
        fields.put("slo.condition", c.name());
        fields.put("slo.objective", String.valueOf(slo.objective()));
        fields.put("slo.window", slo.window());
        fields.put("slo.sliKind", slo.sliKind());
        fields.put("slo.breach.id", breach.id().toString());
        if (breach.priority() != null) {
            fields.put("slo.priority", breach.priority());
        }
        return fields;
    }

    /** "burn rate 20.1× over 1h and 25.3× over 5m (above 14.4×)" or the depletion wording of chapter 9. */
    public static String describe(AlertCondition c, Map<String, Double> rates) {
        if (c.kind() == AlertCondition.Kind.depletion) {
            Double rate = rates.get(c.window().toString());
            return "error budget depletion "
                    + (rate == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", BurnRate.asDepletionPercent(rate)))
                    + " within " + pretty(c.window()) + " (alert above "
                    + String.format(Locale.ROOT, "%.0f %%", c.depletionPercent()) + ")";
        }
        return "burn rate " + rate(rates.get(c.longWindow().toString())) + " over " + pretty(c.longWindow())
                + " and " + rate(rates.get(c.shortWindow().toString())) + " over " + pretty(c.shortWindow())
                + " (alert above " + String.format(Locale.ROOT, "%s×", trim(c.burnRate())) + ")";
    }

    private static String rate(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f×", rate);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    public static String pretty(Duration d) {
        if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() + "d";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
