package dev.klaxon.intake.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.classification.PriorityDecision;
import dev.klaxon.classification.SignalClassifier;
import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.incidents.AlertRepeat;
import dev.klaxon.incidents.IncidentSignals;
import dev.klaxon.incidents.NewAlertSignal;
import dev.klaxon.intake.AlertStatus;
import dev.klaxon.intake.internal.AlertStore.AlertKey;
import dev.klaxon.intake.internal.AlertStore.OpenAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Applies one command inside the caller's (the writer's) transaction: the alert change and the incident
 * change it causes commit together.
 */
@Component
class CommandProcessor {

    private final AlertStore alerts;
    private final ChangeEventStore changes;
    private final IncidentSignals signals;

    /**
     * Open alerts by key, so a repeat costs one conditional update instead of a lookup and an update. Only a
     * hint: every use is verified by the database (see {@link #applyAll}).
     */
    private final Cache<AlertKey, OpenAlert> openAlerts =
            Caffeine.newBuilder().maximumSize(100_000).build();

    private final SignalClassifier classifier;
    private final ObjectMapper json;

    CommandProcessor(
            AlertStore alerts,
            ChangeEventStore changes,
            IncidentSignals signals,
            SignalClassifier classifier,
            ObjectMapper json) {
        this.alerts = alerts;
        this.changes = changes;
        this.signals = signals;
        this.classifier = classifier;
        this.json = json;
    }

    /**
     * Applies a group-commit batch in order. Consecutive triggers are written together: the open alerts of keys
     * not known to be open are looked up in one query, repeats are counted with one batched update of
     * the alerts and one of their timeline lines, and new alerts open their incidents in a few batched statements.
     * A trigger whose key is already waiting in the group, or any other command, first writes the group.
     */
    List<Applied> applyAll(List<IntakeCommand> commands) {
        Applied[] results = new Applied[commands.size()];
        var triggers = new Triggers();
        for (int i = 0; i < commands.size(); i++) {
            IntakeCommand command = commands.get(i);
            if (command instanceof AlertEvent e && e.action() == AlertAction.TRIGGER) {
                if (!triggers.add(new Pending(i, e, openAlerts.getIfPresent(key(e))))) {
                    write(triggers, results);
                    triggers.add(new Pending(i, e, openAlerts.getIfPresent(key(e))));
                }
                continue;
            }
            write(triggers, results);
            results[i] = apply(command);
        }
        write(triggers, results);
        return Arrays.asList(results);
    }

    /** A trigger at {@code index} of the batch; {@code open} is its alert when believed open, else null. */
    private record Pending(int index, AlertEvent event, OpenAlert open) {

        Pending withOpen(OpenAlert alert) {
            return new Pending(index, event, alert);
        }
    }

    /** Triggers waiting to be written together: at most one per key unless all of the key's are repeats. */
    private static final class Triggers {
        final List<Pending> repeats = new ArrayList<>();
        final Map<AlertKey, Pending> unknown = new LinkedHashMap<>();
        final Set<AlertKey> keys = new HashSet<>();

        /** False when the trigger must wait for the group to be written first. */
        boolean add(Pending p) {
            AlertKey key = key(p.event());
            if (p.open() != null ? unknown.containsKey(key) : keys.contains(key)) {
                return false;
            }
            keys.add(key);
            if (p.open() != null) {
                repeats.add(p);
            } else {
                unknown.put(key, p);
            }
            return true;
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }
    }

    private void write(Triggers triggers, Applied[] results) {
        if (triggers.isEmpty()) {
            return;
        }
        List<Pending> repeats = new ArrayList<>(triggers.repeats);
        List<Pending> fresh = new ArrayList<>();
        if (!triggers.unknown.isEmpty()) {
            var open = alerts.findOpen(triggers.unknown.keySet());
            triggers.unknown.forEach((key, p) -> {
                OpenAlert alert = open.get(key);
                if (alert == null) {
                    fresh.add(p);
                } else {
                    repeats.add(p.withOpen(alert));
                }
            });
        }
        triggers.repeats.clear();
        triggers.unknown.clear();
        triggers.keys.clear();
        countRepeats(repeats, results);
        openAlerts(fresh, results);
    }

    private void countRepeats(List<Pending> repeats, Applied[] results) {
        if (repeats.isEmpty()) {
            return;
        }
        boolean[] stillOpen = alerts.repeated(repeats.stream()
                .map(r -> new AlertStore.Repeat(r.open().id(), r.event().receivedAt()))
                .toList());
        List<AlertRepeat> incidentRepeats = new ArrayList<>(repeats.size());
        for (int i = 0; i < stillOpen.length; i++) {
            var r = repeats.get(i);
            if (stillOpen[i] && r.open().incidentId() != null) {
                incidentRepeats.add(new AlertRepeat(
                        r.open().incidentId(),
                        r.event().dedupKey(),
                        r.event().summary(),
                        sender(r.event()),
                        r.event().receivedAt()));
            }
        }
        if (!incidentRepeats.isEmpty()) {
            signals.repeated(incidentRepeats);
        }
        for (int i = 0; i < stillOpen.length; i++) {
            var r = repeats.get(i);
            AlertKey key = key(r.event());
            if (stillOpen[i]) {
                openAlerts.put(key, r.open().incidentId() == null ? r.open() : reevaluate(r.event(), r.open()));
                results[r.index()] = Applied.REPEATED;
            } else {
                // Resolved meanwhile (or the cache was stale): the database decides what this trigger is.
                openAlerts.invalidate(key);
                var alone = new Triggers();
                alone.add(r.withOpen(null));
                write(alone, results);
            }
        }
    }

    /** New alerts: the rules decide whether each opens an incident; the incidents and alerts are written in batches. */
    private void openAlerts(List<Pending> fresh, Applied[] results) {
        if (fresh.isEmpty()) {
            return;
        }
        List<AlertStore.NewAlert> newAlerts = new ArrayList<>(fresh.size());
        List<Pending> opening = new ArrayList<>();
        List<NewAlertSignal> incidentSignals = new ArrayList<>();
        List<PriorityDecision> decisions = new ArrayList<>();
        for (Pending p : fresh) {
            AlertEvent e = p.event();
            var decision = decide(e, true);
            if (!decision.openIncident()) {
                newAlerts.add(new AlertStore.NewAlert(Ids.timeOrdered(), null, null, e));
                results[p.index()] = Applied.RECORDED;
                continue;
            }
            opening.add(p);
            decisions.add(decision);
            incidentSignals.add(new NewAlertSignal(
                    e.serviceId(),
                    Ids.timeOrdered(),
                    e.dedupKey(),
                    e.summary(),
                    e.severity(),
                    sender(e),
                    e.receivedAt(),
                    decision.priority(),
                    decision.reason(),
                    decision.classificationVersion()));
        }
        List<UUID> incidents = incidentSignals.isEmpty() ? List.of() : signals.open(incidentSignals);
        for (int i = 0; i < opening.size(); i++) {
            newAlerts.add(new AlertStore.NewAlert(
                    incidentSignals.get(i).alertId(),
                    incidents.get(i),
                    decisions.get(i).priority(),
                    opening.get(i).event()));
            results[opening.get(i).index()] = Applied.OPENED;
        }
        // A concurrent insert of the same open key (another instance) fails here and rolls back the incidents too;
        // the pipeline then retries each event alone, which finds the open alert and repeats.
        alerts.insertAll(newAlerts);
        for (var alert : newAlerts) {
            openAlerts.put(
                    key(alert.event()),
                    new OpenAlert(alert.id(), alert.incidentId(), AlertStatus.TRIGGERED, alert.priority()));
        }
    }

    private Applied apply(IntakeCommand command) {
        if (command instanceof AlertEvent alert) {
            return apply(alert);
        }
        changes.insert((ChangeEvent) command);
        return Applied.STORED;
    }

    private static AlertKey key(AlertEvent e) {
        return new AlertKey(e.serviceId(), e.dedupKey());
    }

    private static Actor sender(AlertEvent e) {
        return Actor.integration(e.integrationId(), e.integrationName());
    }

    /** Acknowledge or resolve (triggers are written by {@link #write}). */
    private Applied apply(AlertEvent e) {
        Actor sender = sender(e);
        switch (e.action()) {
            case TRIGGER -> throw new IllegalArgumentException("triggers are written in groups");
            case ACKNOWLEDGE -> {
                var open = alerts.findOpen(e.serviceId(), e.dedupKey());
                if (open.isEmpty() || open.get().status() != AlertStatus.TRIGGERED) {
                    return Applied.IGNORED;
                }
                if (alerts.acknowledge(open.get().id(), e.receivedAt())) {
                    if (open.get().incidentId() != null) {
                        signals.acknowledged(open.get().incidentId(), e.dedupKey(), sender, e.receivedAt());
                    }
                    return Applied.ACKNOWLEDGED;
                }
                return Applied.IGNORED;
            }
            case RESOLVE -> {
                openAlerts.invalidate(key(e));
                var open = alerts.findOpen(e.serviceId(), e.dedupKey());
                if (open.isEmpty()) {
                    return Applied.IGNORED;
                }
                if (alerts.resolve(open.get().id(), e.receivedAt())) {
                    if (open.get().incidentId() != null) {
                        signals.resolved(open.get().incidentId(), e.dedupKey(), sender, e.receivedAt());
                    }
                    return Applied.RESOLVED;
                }
                return Applied.IGNORED;
            }
        }
        throw new IllegalStateException("unknown action " + e.action());
    }

    /** The sender's own decision (an SLO breach carries its SLO's), or else the service's alert rules. */
    private PriorityDecision decide(AlertEvent e, boolean newAlert) {
        if (e.presetPriority() != null) {
            return new PriorityDecision(true, e.presetPriority(), e.presetPriorityReason(), 0);
        }
        return classifier.classifyAlert(e.serviceId(), () -> RuleFields.of(e, json), e.receivedAt(), newAlert);
    }

    /**
     * Rules are evaluated again when a signal attaches to its incident: a rule added or changed since the
     * alert opened may now say something more urgent. Repeats do not count as firings, and the incident is
     * only touched when the decision differs from the last one for this alert.
     */
    private OpenAlert reevaluate(AlertEvent e, OpenAlert open) {
        var decision = decide(e, false);
        if (!decision.openIncident()
                || decision.priority() == null
                || decision.priority().equals(open.priority())) {
            return open;
        }
        if (signals.escalatePriority(open.incidentId(), decision.priority(), decision.reason(), e.receivedAt())) {
            alerts.setPriority(open.id(), decision.priority());
        }
        return open.withPriority(decision.priority());
    }
}
