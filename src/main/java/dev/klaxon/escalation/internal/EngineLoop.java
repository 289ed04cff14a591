package dev.klaxon.escalation.internal;

import dev.klaxon.common.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background loop of one instance: run what is due and stage what falls due within
 * {@code klaxon.escalation.stage-ahead}, then sleep until the next step falls due or is to be staged, the poll
 * interval passes (another instance may have added earlier steps), or this instance starts an escalation
 * ({@link #wakeAfterCommit()}; it then lingers {@code gather} so a burst of incidents is paged in few batches).
 * Work due while Klaxon was down is simply due at start.
 */
@Component
class EngineLoop implements SmartLifecycle {

    private final EscalationProperties properties;
    private final BackgroundLoop loop;

    EngineLoop(EscalationEngine engine, TimerStore timers, EscalationProperties properties, Clock clock) {
        this.properties = properties;
        this.loop = BackgroundLoop.untilDue(
                "escalation-engine",
                properties.pollInterval(),
                () -> nextWork(timers, properties)
                        .map(next -> Duration.between(clock.instant(), next))
                        .orElse(null),
                properties.gather(),
                engine::processDue);
    }

    /** The earlier of the next due step and the next moment a step is to be staged. */
    private static Optional<Instant> nextWork(TimerStore timers, EscalationProperties properties) {
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

    void wakeAfterCommit() {
        loop.wakeAfterCommit();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
