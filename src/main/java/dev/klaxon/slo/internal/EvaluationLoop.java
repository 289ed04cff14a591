package dev.klaxon.slo.internal;

import dev.klaxon.slo.SloEvaluations;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One background thread per instance that asks the database for due SLOs every poll interval. It only
 * claims work; which instance evaluates an SLO is decided by the claim (see {@link ScheduleStore}).
 */
@Component
class EvaluationLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvaluationLoop.class);

    private final SloEvaluations evaluations;
    private final SloProperties properties;
    private final Housekeeping housekeeping;
    private final Clock clock;
    private ScheduledExecutorService executor;

    EvaluationLoop(SloEvaluations evaluations, SloProperties properties, Housekeeping housekeeping, Clock clock) {
        this.evaluations = evaluations;
        this.properties = properties;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.schedulerEnabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "slo-evaluation");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            evaluations.evaluateDue();
        } catch (RuntimeException e) {
            log.warn("SLO evaluation cycle failed", e);
        }
        try {
            housekeeping.runIfDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("SLO housekeeping failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
