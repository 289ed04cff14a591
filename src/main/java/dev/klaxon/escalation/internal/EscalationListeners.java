package dev.klaxon.escalation.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.escalation.EscalationEntryKinds;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.incidents.Durations;
import dev.klaxon.incidents.IncidentAcknowledged;
import dev.klaxon.incidents.IncidentOpened;
import dev.klaxon.incidents.IncidentResolved;
import dev.klaxon.incidents.IncidentRoleRequired;
import dev.klaxon.incidents.IncidentsOpened;
import dev.klaxon.notify.PageAcknowledged;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.PageRequest;
import dev.klaxon.notify.Paging;
import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts, stops and snoozes escalations as incidents change. The listeners run inside the transaction that
 * changed the incident, so an incident never exists without its escalation, and an acknowledgement and the
 * stop of its escalation commit together.
 */
@Component
class EscalationListeners {

    private final RunStore runs;
    private final TimerStore timers;
    private final PolicyStore policies;
    private final Responders responders;
    private final ResponderNames names;
    private final Paging paging;
    private final Timeline timeline;
    private final EngineLoop engineLoop;

    EscalationListeners(
            RunStore runs,
            TimerStore timers,
            PolicyStore policies,
            Responders responders,
            ResponderNames names,
            Paging paging,
            Timeline timeline,
            EngineLoop engineLoop) {
        this.runs = runs;
        this.timers = timers;
        this.policies = policies;
        this.responders = responders;
        this.names = names;
        this.paging = paging;
        this.timeline = timeline;
        this.engineLoop = engineLoop;
    }

    @EventListener
    void opened(IncidentsOpened event) {
        List<Run> newRuns = new ArrayList<>(event.incidents().size());
        List<Timer> firstSteps = new ArrayList<>(event.incidents().size());
        for (IncidentOpened incident : event.incidents()) {
            UUID policyId = incident.escalationPolicyId() != null
                    ? incident.escalationPolicyId()
                    : PolicyStore.DEFAULT_POLICY_ID;
            Timer first = Timer.step(incident.incidentId(), 1, 0, incident.at());
            newRuns.add(new Run(
                    incident.incidentId(),
                    incident.number(),
                    incident.teamId(),
                    policyId,
                    RunStatus.ACTIVE,
                    0,
                    0,
                    0,
                    first.stepKey(),
                    null,
                    incident.at(),
                    incident.at()));
            firstSteps.add(first);
        }
        runs.insertAll(newRuns);
        timers.insertAll(firstSteps);
        engineLoop.wakeAfterCommit();
    }

    @EventListener
    void acknowledged(IncidentAcknowledged event) {
        runs.lock(event.incidentId()).ifPresent(run -> {
            // Under the run lock: a staging transaction either committed before (its pages are seen here) or
            // finds the run acknowledged after and stages nothing.
            paging.withdrawStaged(
                    run.incidentId(),
                    event.at(),
                    "Cancelled: the incident was acknowledged by " + event.by().name() + " before this step fell due");
            if (run.status() != RunStatus.ACTIVE && run.status() != RunStatus.EXHAUSTED) {
                return;
            }
            EscalationPolicy policy = policies.find(run.policyId()).orElse(null);
            UUID acknowledgedBy =
                    event.by().type() == Actor.Type.USER ? event.by().id() : null;
            String message = "Acknowledged by " + event.by().name() + ": escalation stopped"
                    + (run.level() > 0 ? " at level " + run.level() : "");
            Run after = new Run(
                    run.incidentId(),
                    run.incidentNumber(),
                    run.teamId(),
                    run.policyId(),
                    RunStatus.ACKNOWLEDGED,
                    run.level(),
                    run.cycle(),
                    run.renotifyCount(),
                    null,
                    acknowledgedBy,
                    run.startedAt(),
                    event.at());
            if (policy != null && policy.renotifyAfterAck() != null) {
                after = scheduleRenotify(after, policy, event.at());
                message += "; pages again if still unresolved after " + Durations.human(policy.renotifyAfterAck());
            }
            runs.update(after);
            record(run.incidentId(), event.at(), EscalationEntryKinds.STOPPED, message);
        });
    }

    @EventListener
    void resolved(IncidentResolved event) {
        runs.lock(event.incidentId()).ifPresent(run -> {
            paging.withdrawStaged(
                    run.incidentId(),
                    event.at(),
                    "Cancelled: the incident was resolved by " + event.by().name() + " before this step fell due");
            if (run.status() == RunStatus.RESOLVED) {
                return;
            }
            runs.update(run.withStep(RunStatus.RESOLVED, run.level(), run.cycle(), null, event.at()));
            if (run.pendingStep() != null) {
                record(run.incidentId(), event.at(), EscalationEntryKinds.STOPPED, "Resolved: escalation ended");
            }
        });
    }

    /** Answering a re-notification snoozes the next one by the policy's interval. */
    @EventListener
    void pageAcknowledged(PageAcknowledged event) {
        if (event.reason() != PageReason.RENOTIFY) {
            return;
        }
        runs.lock(event.incidentId()).ifPresent(run -> {
            EscalationPolicy policy = policies.find(run.policyId()).orElse(null);
            if (run.status() != RunStatus.ACKNOWLEDGED || policy == null || policy.renotifyAfterAck() == null) {
                return;
            }
            runs.update(scheduleRenotify(run, policy, event.at()));
            record(
                    run.incidentId(),
                    event.at(),
                    EscalationEntryKinds.STOPPED,
                    names.user(event.userId()) + " answered the re-notification; the next one follows in "
                            + Durations.human(policy.renotifyAfterAck()) + " if still unresolved");
        });
    }

    /** A severity needs a role nobody holds: page whoever is on call for it; accepting the page assigns the role. */
    @EventListener
    void roleRequired(IncidentRoleRequired event) {
        List<UUID> onCall = responders.forRole(event.teamId(), event.role(), event.at());
        if (onCall.isEmpty()) {
            record(
                    event.incidentId(),
                    event.at(),
                    EscalationEntryKinds.ROLE_PAGED,
                    "Nobody is on call as " + event.role() + " in the incident's team; assign the role by hand");
            return;
        }
        record(
                event.incidentId(),
                event.at(),
                EscalationEntryKinds.ROLE_PAGED,
                "The " + event.role() + " role is unfilled: paging " + names.users(onCall)
                        + ", on call for it; accepting the page assigns the role");
        String stepKey = "role:" + event.role().strip().toLowerCase(Locale.ROOT);
        paging.page(onCall.stream()
                .map(user -> new PageRequest(
                        event.incidentId(), user, stepKey, PageReason.ROLE, 0, event.role(), event.at()))
                .toList());
    }

    private Run scheduleRenotify(Run run, EscalationPolicy policy, Instant from) {
        int n = run.renotifyCount() + 1;
        Timer timer = Timer.renotify(run.incidentId(), n, from.plus(policy.renotifyAfterAck()));
        timers.insertAll(List.of(timer));
        return run.withRenotify(n, timer.stepKey(), from);
    }

    private void record(UUID incidentId, Instant at, EntryKind event, String message) {
        timeline.append(new NewEntry(incidentId, at, event, Actor.SYSTEM, null, message));
    }
}
