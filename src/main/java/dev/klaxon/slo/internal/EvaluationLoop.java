package dev.klaxon.slo.internal;

import dev.klaxon.common.BackgroundWork;
import dev.klaxon.slo.SloEvaluations;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the database for due SLOs every poll interval and evaluates them, then runs the hourly housekeeping when it
 * is due. It only claims work; which instance evaluates an SLO is decided by the claim (see {@link ScheduleStore}).
 */
@Component
class EvaluationLoop extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(EvaluationLoop.class);

    private final SloEvaluations evaluations;
    private final Housekeeping housekeeping;
    private final Clock clock;

    EvaluationLoop(SloEvaluations evaluations, SloProperties properties, Housekeeping housekeeping, Clock clock) {
        super("slo-evaluation", properties.worker());
        this.evaluations = evaluations;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    @Override
    protected int runDue() {
        int evaluated = evaluations.evaluateDue();
        try {
            housekeeping.runIfDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("SLO housekeeping failed", e);
        }
        return evaluated;
    }
}
