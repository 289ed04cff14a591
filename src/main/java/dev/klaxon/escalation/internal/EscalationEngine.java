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
 *
 * <p>Staging: a step that falls due within {@code stage-ahead} has its pages and deliveries written ahead, due at
 * the step's due time (claimed and locked the same way, in a transaction of their own), so that when a burst of
 * steps falls due the outbox hands their deliveries to senders at once instead of waiting for this engine to write
 * them. The step itself still runs when due: it finds its pages written (one page per incident, step and person)
 * and writes its timeline lines and next timer. Acknowledging or resolving before the due time withdraws the
 * staged pages (see {@link EscalationListeners}), under the same run lock.
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

    /** Runs the steps that are due and stages those due soon; returns how many due steps it ran. */
    public int processDue() {
        int total = 0;
        while (true) {
            Integer handled = transactions.execute(status -> processBatch());
            int ran = handled == null ? 0 : handled;
            total += ran;
            if (ran >= properties.batchSize()) {
                continue; // due work first: staging can wait, it is ahead of time
            }
            if (properties.stageAhead().isZero()) {
                return total;
            }
            Integer staged = transactions.execute(status -> stageBatch());
            if (staged == null || staged < properties.batchSize()) {
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
                            row.stagedAt(),
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
        // Staged pages of these incidents whose time has come reach the timeline now, stale steps' included: a
        // page staged for a step acknowledged after its due time may have gone out.
        paging.announceDue(locked.keySet());
        return due.size();
    }

    private int stageBatch() {
        Instant now = clock.instant();
        List<Timer> ahead = timers.claimStageable(now, now.plus(properties.stageAhead()), properties.batchSize());
        if (ahead.isEmpty()) {
            return 0;
        }
        Map<UUID, Run> locked = runs.lockAll(
                ahead.stream().map(Timer::incidentId).distinct().sorted().toList());
        var batch = new Batch(now, locked);
        List<PageRequest> requests = new ArrayList<>();
        for (Timer timer : ahead) {
            Run run = locked.get(timer.incidentId());
            if (run == null || !timer.stepKey().equals(run.pendingStep())) {
                continue; // stale: it is cancelled when due
            }
            Choice choice = batch.choose(batch.policy(run), run, timer.level(), timer.cycle(), timer.dueAt());
            for (UUID user : choice.paged()) {
                requests.add(new PageRequest(
                        run.incidentId(),
                        user,
                        Timer.stepKey(choice.level(), choice.cycle()),
                        PageReason.ESCALATION,
                        choice.level(),
                        null,
                        timer.dueAt()));
            }
        }
        paging.stage(requests);
        timers.markStaged(ahead.stream().map(Timer::id).toList(), now);
        return ahead.size();
    }

    /**
     * Which level a step pages and whom: a level with nobody on call passes straight on to the next, at most one
     * full pass through the policy. {@code passed}: the levels passed over, as {level, cycle} pairs.
     */
    private record Choice(int level, int cycle, List<UUID> paged, List<int[]> passed) {}

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

        Choice choose(EscalationPolicy policy, Run run, int fromLevel, int fromCycle, Instant at) {
            int levels = policy.levels().size();
            int level = Math.min(fromLevel, levels);
            int cycle = fromCycle;
            List<UUID> paged = List.of();
            List<int[]> passed = new ArrayList<>();
            for (int tries = levels * (policy.repeat() + 1); tries > 0; tries--) {
                paged = responders(policy.levels().get(level - 1), run.teamId(), at);
                if (!paged.isEmpty()) {
                    break;
                }
                passed.add(new int[] {level, cycle});
                int[] following = following(policy, level, cycle);
                if (following == null) {
                    break;
                }
                level = following[0];
                cycle = following[1];
            }
            return new Choice(level, cycle, paged, passed);
        }

        private Run escalate(Run run, Timer timer) {
            EscalationPolicy policy = policy(run);
            Choice choice = choose(policy, run, timer.level(), timer.cycle(), now);
            for (int[] skipped : choice.passed()) {
                line(
                        run,
                        ResponseEvent.ESCALATED,
                        Timer.stepKey(skipped[0], skipped[1]),
                        describe(policy, skipped[0], skipped[1]) + ": nobody to page ("
                                + names.targets(policy.levels().get(skipped[0] - 1)) + ")");
            }
            int level = choice.level();
            int cycle = choice.cycle();
            List<UUID> paged = choice.paged();
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
                    : responders(policy.levels().get(0), run.teamId(), now);
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

        EscalationPolicy policy(Run run) {
            return policyCache.computeIfAbsent(
                    run.policyId(),
                    id -> policies.find(id)
                            // The policy was replaced and deleted while this incident escalated: the default takes
                            // over.
                            .orElseGet(() ->
                                    policies.find(PolicyStore.DEFAULT_POLICY_ID).orElseThrow()));
        }

        private List<UUID> responders(EscalationLevel level, UUID teamId, Instant at) {
            List<UUID> people = new ArrayList<>();
            for (var target : level.targets()) {
                String key = target + "@" + teamId + "@" + at;
                for (UUID user : responderCache.computeIfAbsent(key, k -> responders.resolve(target, teamId, at))) {
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
