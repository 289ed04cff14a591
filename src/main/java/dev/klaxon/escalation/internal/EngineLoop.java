package dev.klaxon.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background loop of one instance: run what is due, then sleep until the next step falls due, the poll
 * interval passes (another instance may have added earlier steps), or this instance starts an escalation.
 * Work due while Klaxon was down is simply due at start.
 */
@Component
class EngineLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);

    private final EscalationEngine engine;
    private final TimerStore timers;
    private final Wakeup wakeup;
    private final EscalationProperties properties;
    private final Clock clock;
    private volatile Thread thread;

    EngineLoop(
            EscalationEngine engine, TimerStore timers, Wakeup wakeup, EscalationProperties properties, Clock clock) {
        this.engine = engine;
        this.timers = timers;
        this.wakeup = wakeup;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.workerEnabled() || thread != null) {
            return;
        }
        thread = new Thread(this::run, "escalation-engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                engine.processDue();
                if (wakeup.await(sleepMillis()) && !properties.gather().isZero()) {
                    // Woken by a new incident: others of the same burst are likely a few milliseconds behind.
                    Thread.sleep(properties.gather().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Escalation cycle failed; retrying after the poll interval", e);
                try {
                    wakeup.await(properties.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private long sleepMillis() {
        long poll = properties.pollInterval().toMillis();
        Instant next = timers.nextDue().orElse(null);
        if (next == null) {
            return poll;
        }
        long untilDue = Duration.between(clock.instant(), next).toMillis();
        // Not less than 50 ms: a due step another instance holds must not make this one spin.
        return Math.max(50, Math.min(poll, untilDue));
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
