package dev.klaxon.escalation.internal;

import dev.klaxon.common.BackgroundWork;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The escalation engine's worker: runs what is due and stages what falls due within
 * {@code klaxon.escalation.stage-ahead}, then sleeps until the next step falls due or is to be staged, the poll
 * interval passes (another instance may have added earlier steps), or this instance starts an escalation
 * ({@link #wakeAfterCommit()}; it then settles {@code klaxon.escalation.worker.settle} so a burst of incidents is
 * paged in few batches). Work due while Klaxon was down is simply due at start.
 */
@Component
class EngineLoop extends BackgroundWork {

    private final EscalationEngine engine;
    private final TimerStore timers;
    private final EscalationProperties properties;

    EngineLoop(EscalationEngine engine, TimerStore timers, EscalationProperties properties) {
        super("escalation-engine", properties.worker());
        this.engine = engine;
        this.timers = timers;
        this.properties = properties;
    }

    @Override
    protected int runDue() {
        return engine.processDue();
    }

    /** The earlier of the next due step and the next moment a step is to be staged. */
    @Override
    protected Optional<Instant> nextDue() {
        Optional<Instant> due = timers.nextDue();
        if (properties.stageAhead().isZero()) {
            return due;
        }
        Optional<Instant> stage = timers.nextUnstaged().map(at -> at.minus(properties.stageAhead()));
        if (due.isEmpty()) {
            return stage;
        }
        return stage.filter(s -> s.isBefore(due.get())).or(() -> due);
    }
}
