package dev.klaxon.escalation.internal;

import dev.klaxon.common.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background loop of one instance: run what is due, then sleep until the next step falls due, the poll
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
                () -> timers.nextDue()
                        .map(next -> Duration.between(clock.instant(), next))
                        .orElse(null),
                properties.gather(),
                engine::processDue);
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
