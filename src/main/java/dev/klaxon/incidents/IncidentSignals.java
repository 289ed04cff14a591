package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How alerts drive incidents. Every method joins the caller's transaction, so an alert and the incident
 * change it causes commit together or not at all.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class IncidentSignals {

    private final IncidentStore incidents;
    private final Timeline timeline;
    private final Services services;
    private final IncidentPriorities priorities;
    private final IncidentResponseTargets responseTargets;
    private final ApplicationEventPublisher events;

    IncidentSignals(
            IncidentStore incidents,
            Timeline timeline,
            Services services,
            IncidentPriorities priorities,
            IncidentResponseTargets responseTargets,
            ApplicationEventPublisher events) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.services = services;
        this.priorities = priorities;
        this.responseTargets = responseTargets;
        this.events = events;
    }

    /**
     * Each new alert opens a new incident on its service; returns the incidents' ids, in order. A rule-assigned
     * priority in a signal becomes the incident's priority (and rule priority) under the classification version
     * the rule decided it under (the decision is carried, not made again). The incidents are written together, a few batched statements for all of them.
     */
    public List<UUID> open(List<NewAlertSignal> signals) {
        List<Opening> openings = new ArrayList<>(signals.size());
        // A batch's alerts mostly come from a few services: each is read once.
        Map<UUID, ServiceView> servicesById = new HashMap<>();
        for (NewAlertSignal signal : signals) {
            var priority = signal.priority() == null || signal.priority().isBlank()
                    ? null
                    : priorities.initialPriority(
                            signal.priority().strip(), signal.priorityReason(), signal.classificationVersion());
            ServiceView service = servicesById.computeIfAbsent(signal.serviceId(), services::get);
            openings.add(new Opening(Ids.timeOrdered(), signal, service, priority));
        }
        List<Long> numbers =
                incidents.insertAll(openings.stream().map(Opening::row).toList());
        List<NewEntry> lines = new ArrayList<>(openings.size() * 3);
        List<IncidentPriorities.Opening> prioritised = new ArrayList<>();
        List<IncidentOpened> opened = new ArrayList<>(openings.size());
        for (int i = 0; i < openings.size(); i++) {
            Opening o = openings.get(i);
            long number = numbers.get(i);
            NewAlertSignal signal = o.signal();
            lines.add(new NewEntry(
                    o.id(),
                    signal.at(),
                    IncidentEntryKinds.ALERT_RECEIVED,
                    signal.sender(),
                    signal.dedupKey(),
                    signal.title()));
            lines.add(new NewEntry(
                    o.id(),
                    signal.at(),
                    IncidentEntryKinds.OPENED,
                    Actor.SYSTEM,
                    null,
                    "Incident #" + number + " opened on " + o.service().name()));
            if (o.priority() != null) {
                prioritised.add(
                        new IncidentPriorities.Opening(o.id(), number, o.priority(), signal.sender(), signal.at()));
            }
            opened.add(new IncidentOpened(
                    o.id(),
                    number,
                    o.service().id(),
                    o.service().teamId(),
                    o.service().escalationPolicyId(),
                    signal.title(),
                    signal.severityHint(),
                    signal.at()));
        }
        // Each incident's priority line comes after its own opening lines (lines are ordered by id per incident).
        lines.addAll(priorities.recordInitialPriorities(prioritised));
        timeline.appendAll(lines);
        events.publishEvent(new IncidentsOpened(opened));
        return openings.stream().map(Opening::id).toList();
    }

    /** One new alert opens one new incident; see {@link #open(List)}. */
    public UUID open(NewAlertSignal signal) {
        return open(List.of(signal)).get(0);
    }

    private record Opening(
            UUID id, NewAlertSignal signal, ServiceView service, IncidentPriorities.InitialPriority priority) {

        IncidentStore.NewIncident row() {
            // Routing the alert to its service is the categorization of the incident (see IncidentStore.steps).
            return new IncidentStore.NewIncident(
                    id,
                    service.id(),
                    service.teamId(),
                    signal.title(),
                    signal.severityHint(),
                    priority == null ? null : priority.stored(),
                    signal.at(),
                    signal.sender().name());
        }
    }

    /** Alerts fired again: each repeat is folded into its alert's timeline line, all in one go. */
    public void repeated(List<AlertRepeat> repeats) {
        timeline.appendFolded(repeats.stream()
                .map(r -> new NewEntry(
                        r.incidentId(),
                        r.at(),
                        IncidentEntryKinds.ALERT_REPEATED,
                        r.sender(),
                        r.dedupKey(),
                        r.summary()))
                .toList());
    }

    /**
     * A frequency rule raises the priority of an open incident when a repeat arrives: applied, with the reason
     * on the timeline, only when more urgent than the current priority. Returns whether it changed.
     */
    public boolean escalatePriority(UUID incidentId, String priority, String reason, Instant at) {
        return priorities.escalate(incidentId, priority, reason, at);
    }

    /** The sender acknowledged the alert (an Events API acknowledge): the incident is acknowledged too. */
    public void acknowledged(UUID incidentId, String dedupKey, Actor sender, Instant at) {
        timeline.append(
                incidentId,
                at,
                IncidentEntryKinds.ALERT_ACKNOWLEDGED,
                sender,
                dedupKey,
                "Alert acknowledged by its sender");
        if (incidents.acknowledge(incidentId, sender, at)) {
            incidents.reachStep(incidentId, ProcessStep.RESPONSE, at, sender.name());
            timeline.append(incidentId, at, IncidentEntryKinds.ACKNOWLEDGED, sender, null, null);
            responseTargets.check(incidentId, at);
            events.publishEvent(new IncidentAcknowledged(incidentId, sender, at));
        }
    }

    /**
     * One alert resolved. The incident resolves with its last open alert when its service says so.
     *
     * @return true when this resolved the incident
     */
    public boolean resolved(UUID incidentId, String dedupKey, Actor sender, Instant at) {
        var incident = incidents.find(incidentId).orElseThrow();
        if (incident.status() == IncidentStatus.RESOLVED) {
            return false;
        }
        timeline.append(incidentId, at, IncidentEntryKinds.ALERT_RESOLVED, sender, dedupKey, "Alert resolved");
        int stillOpen = incidents.alertResolved(incidentId);
        if (stillOpen == 0
                && services.get(incident.serviceId()).autoResolve()
                && incidents.resolve(incidentId, sender, at)) {
            timeline.append(incidentId, at, IncidentEntryKinds.RESOLVED, sender, null, "All alerts resolved");
            responseTargets.check(incidentId, at);
            events.publishEvent(new IncidentResolved(incidentId, sender, at));
            return true;
        }
        return false;
    }
}
