package dev.klaxon.intake.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.klaxon.classification.PriorityDecision;
import dev.klaxon.classification.SignalClassifier;
import dev.klaxon.common.Actor;
import dev.klaxon.incidents.AlertRepeat;
import dev.klaxon.incidents.IncidentSignals;
import dev.klaxon.incidents.NewAlertSignal;
import dev.klaxon.intake.AlertStatus;
import dev.klaxon.intake.internal.AlertStore.OpenAlert;
import java.util.ArrayList;
import java.util.List;
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

    private record OpenAlertKey(UUID serviceId, String dedupKey) {

        static OpenAlertKey of(AlertEvent e) {
            return new OpenAlertKey(e.serviceId(), e.dedupKey());
        }
    }

    /**
     * Open alerts by key, so a repeat costs one conditional update instead of a lookup and an update. Only a
     * hint: every use is verified by the database (see {@link #applyAll}).
     */
    private final Cache<OpenAlertKey, OpenAlert> openAlerts =
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
     * Applies a group-commit batch in order. Triggers of alerts believed open are counted together (one batched
     * update of the alerts, one of their timeline lines) until a command of another kind comes; a trigger whose
     * alert turned out closed is then applied on its own.
     */
    List<Applied> applyAll(List<IntakeCommand> commands) {
        List<Applied> results = new ArrayList<>(commands.size());
        List<PendingRepeat> repeats = new ArrayList<>();
        for (IntakeCommand command : commands) {
            if (command instanceof AlertEvent e && e.action() == AlertAction.TRIGGER) {
                OpenAlert open = openAlerts.getIfPresent(OpenAlertKey.of(e));
                if (open != null) {
                    repeats.add(new PendingRepeat(results.size(), e, open));
                    results.add(null);
                    continue;
                }
            }
            countRepeats(repeats, results);
            results.add(apply(command));
        }
        countRepeats(repeats, results);
        return results;
    }

    private record PendingRepeat(int index, AlertEvent event, OpenAlert open) {}

    private void countRepeats(List<PendingRepeat> repeats, List<Applied> results) {
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
                incidentRepeats.add(alertRepeat(r.event(), r.open()));
            }
        }
        if (!incidentRepeats.isEmpty()) {
            signals.repeated(incidentRepeats);
        }
        for (int i = 0; i < stillOpen.length; i++) {
            var r = repeats.get(i);
            if (stillOpen[i]) {
                openAlerts.put(OpenAlertKey.of(r.event()), reevaluate(r.event(), r.open()));
                results.set(r.index(), Applied.REPEATED);
            } else {
                // Resolved meanwhile (or the cache was stale): the database decides what this trigger is.
                openAlerts.invalidate(OpenAlertKey.of(r.event()));
                results.set(r.index(), apply(r.event()));
            }
        }
        repeats.clear();
    }

    private Applied apply(IntakeCommand command) {
        if (command instanceof AlertEvent alert) {
            return apply(alert);
        }
        changes.insert((ChangeEvent) command);
        return Applied.STORED;
    }

    private static AlertRepeat alertRepeat(AlertEvent e, OpenAlert open) {
        return new AlertRepeat(
                open.incidentId(),
                e.dedupKey(),
                e.summary(),
                Actor.integration(e.integrationId(), e.integrationName()),
                e.receivedAt());
    }

    private Applied apply(AlertEvent e) {
        Actor sender = Actor.integration(e.integrationId(), e.integrationName());
        OpenAlertKey key = OpenAlertKey.of(e);
        switch (e.action()) {
            case TRIGGER -> {
                OpenAlert open = alerts.findOpen(e.serviceId(), e.dedupKey()).orElse(null);
                if (open != null && alerts.repeated(open.id(), e.receivedAt())) {
                    if (open.incidentId() != null) {
                        signals.repeated(List.of(alertRepeat(e, open)));
                        open = reevaluate(e, open);
                    }
                    openAlerts.put(key, open);
                    return Applied.REPEATED;
                }
                var decision = decide(e, true);
                UUID alertId = UUID.randomUUID();
                // A concurrent insert of the same open key (another instance) fails in alerts.insert and rolls
                // back the incident too; the pipeline then retries the event, which finds the open alert and repeats.
                if (!decision.openIncident()) {
                    alerts.insert(alertId, null, null, e);
                    openAlerts.put(key, new OpenAlert(alertId, null, AlertStatus.TRIGGERED, null));
                    return Applied.RECORDED;
                }
                UUID incidentId = signals.open(new NewAlertSignal(
                        e.serviceId(),
                        alertId,
                        e.dedupKey(),
                        e.summary(),
                        e.severity(),
                        sender,
                        e.receivedAt(),
                        decision.priority(),
                        decision.reason()));
                alerts.insert(alertId, incidentId, decision.priority(), e);
                openAlerts.put(key, new OpenAlert(alertId, incidentId, AlertStatus.TRIGGERED, decision.priority()));
                return Applied.OPENED;
            }
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
                openAlerts.invalidate(key);
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
