package dev.klaxon.slo.internal;

import dev.klaxon.common.BackgroundLoop;
import dev.klaxon.slo.SloEvaluations;
import java.time.Clock;
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

    private final SloProperties properties;
    private final BackgroundLoop loop;

    EvaluationLoop(SloEvaluations evaluations, SloProperties properties, Housekeeping housekeeping, Clock clock) {
        this.properties = properties;
        this.loop = BackgroundLoop.every("slo-evaluation", properties.pollInterval(), () -> {
            evaluations.evaluateDue();
            try {
                housekeeping.runIfDue(clock.instant());
            } catch (RuntimeException e) {
                log.warn("SLO housekeeping failed", e);
            }
        });
    }

    @Override
    public void start() {
        if (properties.schedulerEnabled()) {
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
