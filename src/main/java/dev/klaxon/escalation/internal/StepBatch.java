package dev.klaxon.escalation.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.escalation.EscalationEntryKinds;
import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.incidents.Durations;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.PageRequest;
import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.NewEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The due steps of one claimed batch, handled at one instant: decides what each does (whom it pages, its timeline
 * lines, the next timer, the run's new state) and collects it, so that {@link EscalationEngine} writes everything
 * with a few batched statements in the batch's transaction. Policies, on-call people and names are read once per
 * batch.
 */
final class StepBatch {

    /**
     * Which level a step pages and whom: a level with nobody on call passes straight on to the next, at most one
     * full pass through the policy. {@code passed}: the levels passed over, as {level, cycle} pairs.
     */
    record Choice(int level, int cycle, List<UUID> paged, List<int[]> passed) {}

    /** Whom a target pages for a team at an instant: asked once per batch, not once per incident. */
    private record ResponderKey(EscalationTarget target, UUID teamId, Instant at) {}

    private record LevelKey(UUID policyId, int level) {}

    private final Instant now;
    private final Map<UUID, Run> runs;
    private final PolicyStore policies;
    private final Responders responders;
    private final ResponderNames names;
    private final Map<UUID, EscalationPolicy> policyCache = new HashMap<>();
    private final Map<ResponderKey, List<UUID>> responderCache = new HashMap<>();
    private final Map<UUID, String> nameCache = new HashMap<>();
    private final Map<LevelKey, String> targetNameCache = new HashMap<>();
    private final List<TimerStore.Done> done = new ArrayList<>();
    private final List<Timer> next = new ArrayList<>();
    private final Map<UUID, Run> changed = new LinkedHashMap<>();
    private final List<NewEntry> lines = new ArrayList<>();
    private final List<PageRequest> pages = new ArrayList<>();

    /** @param runs the runs of the timers to handle, by incident; a handled timer's run is replaced by its new state */
    StepBatch(Instant now, Map<UUID, Run> runs, PolicyStore policies, Responders responders, ResponderNames names) {
        this.now = now;
        this.runs = runs;
        this.policies = policies;
        this.responders = responders;
        this.names = names;
    }

    /** What the handled timers came to, as {timer, outcome}. */
    List<TimerStore.Done> done() {
        return done;
    }

    /** The timers the handled steps set for their next steps. */
    List<Timer> next() {
        return next;
    }

    /** The new state of each run a handled timer changed, by incident. */
    Map<UUID, Run> changed() {
        return changed;
    }

    List<NewEntry> lines() {
        return lines;
    }

    List<PageRequest> pages() {
        return pages;
    }

    /** Runs a due step or re-notification; a timer that is not its run's pending step is cancelled. */
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
        if (!choice.passed().isEmpty()) {
            int[] first = choice.passed().get(0);
            line(run, EscalationEntryKinds.ESCALATED, Timer.stepKey(first[0], first[1]), nobodyToPage(policy, choice));
        }
        int level = choice.level();
        int cycle = choice.cycle();
        List<UUID> paged = choice.paged();
        String stepKey = Timer.stepKey(level, cycle);
        page(
                run,
                timer,
                stepKey,
                paged,
                PageReason.ESCALATION,
                level,
                () -> describe(policy, level, cycle) + ": paging " + userNames(paged));
        int[] following = following(policy, level, cycle);
        if (following == null) {
            line(
                    run,
                    EscalationEntryKinds.STOPPED,
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
        page(
                run,
                timer,
                timer.stepKey(),
                people,
                PageReason.RENOTIFY,
                0,
                () -> "Still unresolved "
                        + Durations.human(policy.renotifyAfterAck()) + " after the acknowledgement: paging "
                        + userNames(people) + " again");
        int n = run.renotifyCount() + 1;
        Timer again = Timer.renotify(run.incidentId(), n, now.plus(policy.renotifyAfterAck()));
        next.add(again);
        return run.withRenotify(n, again.stepKey(), now);
    }

    /**
     * What a step or re-notification came to: nobody to page, or its {@code ESCALATED} line (written only then, as
     * naming people reads them) and one page per person.
     */
    private void page(
            Run run,
            Timer timer,
            String stepKey,
            List<UUID> people,
            PageReason reason,
            int level,
            Supplier<String> message) {
        if (people.isEmpty()) {
            done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.NOBODY));
            return;
        }
        done.add(new TimerStore.Done(timer.id(), TimerStore.Outcome.PAGED));
        line(run, EscalationEntryKinds.ESCALATED, stepKey, message.get());
        for (UUID user : people) {
            pages.add(new PageRequest(run.incidentId(), user, stepKey, reason, level, null, now));
        }
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
            var key = new ResponderKey(target, teamId, at);
            for (UUID user : responderCache.computeIfAbsent(key, k -> responders.resolve(target, teamId, at))) {
                if (!people.contains(user)) {
                    people.add(user);
                }
            }
        }
        return people;
    }

    /**
     * One line for the levels a step passed over because nobody was on call at them: a policy nobody is on call
     * for reads as one line, not one per level.
     */
    private String nobodyToPage(EscalationPolicy policy, Choice choice) {
        List<int[]> passed = choice.passed();
        if (passed.size() == 1) {
            int[] only = passed.get(0);
            return describe(policy, only[0], only[1]) + ": nobody to page (" + targetNames(policy, only[0]) + ")";
        }
        int[] first = passed.get(0);
        int[] last = passed.get(passed.size() - 1);
        StringBuilder text = new StringBuilder("Levels ")
                .append(position(policy, first[0], first[1]))
                .append(" to ")
                .append(position(policy, last[0], last[1]))
                .append(" of ")
                .append(policy.levels().size())
                .append(" ('")
                .append(policy.name())
                .append("'): nobody to page (");
        for (int i = 0; i < passed.size(); i++) {
            int[] level = passed.get(i);
            text.append(i == 0 ? "" : "; ")
                    .append("level ")
                    .append(position(policy, level[0], level[1]))
                    .append(": ")
                    .append(targetNames(policy, level[0]));
        }
        return text.append(')').toString();
    }

    private String targetNames(EscalationPolicy policy, int level) {
        return targetNameCache.computeIfAbsent(
                new LevelKey(policy.id(), level),
                k -> names.targets(policy.levels().get(level - 1)));
    }

    private String userNames(List<UUID> people) {
        return String.join(
                ", ",
                people.stream()
                        .map(id -> nameCache.computeIfAbsent(id, names::user))
                        .toList());
    }

    private void line(Run run, EntryKind event, String subject, String message) {
        lines.add(new NewEntry(run.incidentId(), now, event, Actor.SYSTEM, subject, message));
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

    /** A level's number, with its pass when the policy repeats: "2" or "2 (pass 1 of 3)". */
    static String position(EscalationPolicy policy, int level, int cycle) {
        return policy.repeat() == 0
                ? "" + level
                : level + " (pass " + (cycle + 1) + " of " + (policy.repeat() + 1) + ")";
    }
}
