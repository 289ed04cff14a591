package dev.klaxon.escalation.internal;

import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationView;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.PageRequest;
import dev.klaxon.notify.Paging;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private final Timeline timeline;
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
            Timeline timeline,
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
        var batch = new StepBatch(now, locked, policies, responders, names);
        for (Timer timer : due) {
            batch.handle(timer);
        }
        timers.markDone(batch.done(), now);
        timers.insertAll(batch.next());
        runs.updateAll(batch.changed().values());
        timeline.appendAll(batch.lines());
        paging.page(batch.pages());
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
        var batch = new StepBatch(now, locked, policies, responders, names);
        List<PageRequest> requests = new ArrayList<>();
        for (Timer timer : ahead) {
            Run run = locked.get(timer.incidentId());
            if (run == null || !timer.stepKey().equals(run.pendingStep())) {
                continue; // stale: it is cancelled when due
            }
            StepBatch.Choice choice = batch.choose(batch.policy(run), run, timer.level(), timer.cycle(), timer.dueAt());
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
}
