package dev.klaxon.escalation.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationView;
import dev.klaxon.incidents.Durations;
import dev.klaxon.incidents.IncidentTimeline;
import dev.klaxon.incidents.ResponseEvent;
import dev.klaxon.incidents.TimelineRecord;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.PageRequest;
import dev.klaxon.notify.Paging;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs due escalation steps. A batch of due timers is claimed with {@code FOR UPDATE SKIP LOCKED}, their runs
 * are locked, and everything a step does (pages, the next timer, timeline lines, marking the timer done) is
 * written in that one transaction: a crash before commit leaves the steps due for any instance, a commit
 * means they happened exactly once.
 */
@Component
public class EscalationEngine {

    private final TimerStore timers;
    private final RunStore runs;
    private final PolicyStore policies;
    private final Responders responders;
    private final ResponderNames names;
    private final Paging paging;
    private final IncidentTimeline timeline;
    private final EscalationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EscalationEngine(
            TimerStore timers,
            RunStore runs,
            PolicyStore policies,
            Responders responders,
            ResponderNames names,
            Paging paging,
            IncidentTimeline timeline,
            EscalationProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.timers = timers;
        this.runs = runs;
        this.policies = policies;
        this.responders = responders;
        this.names = names;
        this.paging = paging;
        this.timeline = timeline;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    public int processDue() {
        int total = 0;
        while (true) {
            Integer handled = transactions.execute(status -> processBatch());
            total += handled == null ? 0 : handled;
            if (handled == null || handled < properties.batchSize()) {
                return total;
            }
        }
    }

    public Optional<EscalationView> view(UUID incidentId) {
        return runs.find(incidentId).map(run -> {
            String policyName =
                    policies.find(run.policyId()).map(EscalationPolicy::name).orElse("(deleted policy)");
            List<EscalationView.Step> steps = timers.list(incidentId).stream()
                    .map(row -> new EscalationView.Step(
                            row.timer().stepKey(),
                            row.timer().kind().name(),
                            row.timer().level(),
                            row.timer().cycle(),
                            row.timer().dueAt(),
                            row.doneAt(),
                            row.doneAt() == null && !row.timer().stepKey().equals(run.pendingStep())
                                    ? "CANCELLED"
                                    : row.outcome()))
                    .toList();
            return new EscalationView(
                    run.incidentId(),
                    run.policyId(),
                    policyName,
                    run.status().name(),
                    run.level(),
                    run.cycle(),
                    run.pendingStep(),
                    run.startedAt(),
                    steps);
        });
    }

    private int processBatch() {
        Instant now = clock.instant();
        List<Timer> due = timers.claimDue(now, properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<UUID, Run> locked = runs.lockAll(
                due.stream().map(Timer::incidentId).distinct().sorted().toList());
        var batch = new Batch(now, locked);
        for (Timer timer : due) {
            batch.handle(timer);
        }
        timers.markDone(batch.done, now);
        timers.insertAll(batch.next);
        runs.updateAll(batch.changed.values());
        timeline.recordAll(batch.lines);
        paging.page(batch.pages);
        return due.size();
    }

    /** The work of one claimed batch, collected so it is written with a few batched statements. */
    private final class Batch {

        private final Instant now;
        private final Map<UUID, Run> runs;
        private final Map<UUID, EscalationPolicy> policyCache = new HashMap<>();
        private final Map<String, List<UUID>> responderCache = new HashMap<>();
        private final Map<UUID, String> nameCache = new HashMap<>();
        private final List<TimerStore.Done> done = new ArrayList<>();
        private final List<Timer> next = new ArrayList<>();
        private final Map<UUID, Run> changed = new LinkedHashMap<>();
        private final List<TimelineRecord> lines = new ArrayList<>();
        private final List<PageRequest> pages = new ArrayList<>();

        Batch(Instant now, Map<UUID, Run> runs) {
            this.now = now;
            this.runs = runs;
        }

        void handle(Timer timer) {
            Run run = runs.get(timer.incidentId());
            // Stale: acknowledged, resolved, snoozed or superseded after this timer was written.
            if (run == null || !timer.stepKey().equals(run.pendingStep())) {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.CANCELLED));
                return;
            }
            Run after = switch (timer.kind()) {
                case STEP -> escalate(run, timer);
                case RENOTIFY -> renotify(run, timer);
            };
            runs.put(after.incidentId(), after);
            changed.put(after.incidentId(), after);
        }

        private Run escalate(Run run, Timer timer) {
            EscalationPolicy policy = policy(run);
            int levels = policy.levels().size();
            int level = Math.min(timer.level(), levels);
            int cycle = timer.cycle();
            List<UUID> paged = List.of();
            // A level with nobody on call passes straight on to the next; at most one full pass through the policy.
            for (int tries = levels * (policy.repeat() + 1); tries > 0; tries--) {
                paged = responders(policy.levels().get(level - 1), run.teamId());
                if (!paged.isEmpty()) {
                    break;
                }
                line(
                        run,
                        ResponseEvent.ESCALATED,
                        Timer.stepKey(level, cycle),
                        describe(policy, level, cycle) + ": nobody to page ("
                                + names.targets(policy.levels().get(level - 1)) + ")");
                int[] following = following(policy, level, cycle);
                if (following == null) {
                    break;
                }
                level = following[0];
                cycle = following[1];
            }
            String stepKey = Timer.stepKey(level, cycle);
            if (paged.isEmpty()) {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.NOBODY));
            } else {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.PAGED));
                line(
                        run,
                        ResponseEvent.ESCALATED,
                        stepKey,
                        describe(policy, level, cycle) + ": paging " + userNames(paged));
                for (UUID user : paged) {
                    pages.add(
                            new PageRequest(run.incidentId(), user, stepKey, PageReason.ESCALATION, level, null, now));
                }
            }
            int[] following = following(policy, level, cycle);
            if (following == null) {
                line(
                        run,
                        ResponseEvent.ESCALATION_STOPPED,
                        stepKey,
                        "Policy '" + policy.name()
                                + "' has no further levels; the incident stays open until someone acknowledges it");
                return run.withStep(RunStatus.EXHAUSTED, level, cycle, null, now);
            }
            Timer step = Timer.step(
                    run.incidentId(),
                    following[0],
                    following[1],
                    now.plus(policy.levels().get(level - 1).timeout()));
            next.add(step);
            return run.withStep(RunStatus.ACTIVE, level, cycle, step.stepKey(), now);
        }

        private Run renotify(Run run, Timer timer) {
            EscalationPolicy policy = policy(run);
            if (run.status() != RunStatus.ACKNOWLEDGED || policy.renotifyAfterAck() == null) {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.CANCELLED));
                return run.withRenotify(run.renotifyCount(), null, now);
            }
            List<UUID> people = run.acknowledgedById() != null
                    ? List.of(run.acknowledgedById())
                    : responders(policy.levels().get(0), run.teamId());
            if (people.isEmpty()) {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.NOBODY));
            } else {
                done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.PAGED));
                line(
                        run,
                        ResponseEvent.ESCALATED,
                        timer.stepKey(),
                        "Still unresolved "
                                + Durations.human(policy.renotifyAfterAck()) + " after the acknowledgement: paging "
                                + userNames(people) + " again");
                for (UUID user : people) {
                    pages.add(new PageRequest(
                            run.incidentId(), user, timer.stepKey(), PageReason.RENOTIFY, 0, null, now));
                }
            }
            int n = run.renotifyCount() + 1;
            Timer again = Timer.renotify(run.incidentId(), n, now.plus(policy.renotifyAfterAck()));
            next.add(again);
            return run.withRenotify(n, again.stepKey(), now);
        }

        private EscalationPolicy policy(Run run) {
            return policyCache.computeIfAbsent(
                    run.policyId(),
                    id -> policies.find(id)
                            // The policy was replaced and deleted while this incident escalated: the default takes
                            // over.
                            .orElseGet(() ->
                                    policies.find(PolicyStore.DEFAULT_POLICY_ID).orElseThrow()));
        }

        private List<UUID> responders(EscalationLevel level, UUID teamId) {
            List<UUID> people = new ArrayList<>();
            for (var target : level.targets()) {
                String key = target + "@" + teamId;
                for (UUID user : responderCache.computeIfAbsent(key, k -> responders.resolve(target, teamId, now))) {
                    if (!people.contains(user)) {
                        people.add(user);
                    }
                }
            }
            return people;
        }

        private String userNames(List<UUID> people) {
            return String.join(
                    ", ",
                    people.stream()
                            .map(id -> nameCache.computeIfAbsent(id, names::user))
                            .toList());
        }

        private void line(Run run, ResponseEvent event, String subject, String message) {
            lines.add(new TimelineRecord(run.incidentId(), now, event, Actor.SYSTEM, subject, message));
        }
    }

    /** The level and cycle after this one, or null when the policy is used up. */
    static int[] following(EscalationPolicy policy, int level, int cycle) {
        if (level < policy.levels().size()) {
            return new int[] {level + 1, cycle};
        }
        if (cycle < policy.repeat()) {
            return new int[] {1, cycle + 1};
        }
        return null;
    }

    static String describe(EscalationPolicy policy, int level, int cycle) {
        String text = "Level " + level + " of " + policy.levels().size() + " ('" + policy.name() + "')";
        return policy.repeat() == 0 ? text : text + ", pass " + (cycle + 1) + " of " + (policy.repeat() + 1);
    }
}
