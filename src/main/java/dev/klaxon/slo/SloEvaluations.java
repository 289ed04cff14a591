package dev.klaxon.slo;

import dev.klaxon.common.ConflictException;
import dev.klaxon.slo.internal.Evaluator;
import dev.klaxon.slo.internal.Puller;
import dev.klaxon.slo.internal.ScheduleStore;
import dev.klaxon.slo.internal.SloProperties;
import dev.klaxon.slo.internal.SloStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs SLO evaluations: the due ones (what the scheduler thread calls, and tests after moving the clock) or
 * one SLO now. Each evaluation first claims the SLO's lease in the database, so that with several instances
 * every SLO is evaluated once per cycle and never by two instances at once. SLOs with PromQL queries get their
 * counts pulled from Prometheus first (under the same lease).
 */
@Service
public class SloEvaluations {

    private static final Logger log = LoggerFactory.getLogger(SloEvaluations.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private final SloStore slos;
    private final ScheduleStore schedule;
    private final Evaluator evaluator;
    private final Puller puller;
    private final SloProperties properties;
    private final Clock clock;
    private final String owner = "instance-" + UUID.randomUUID();

    SloEvaluations(
            SloStore slos,
            ScheduleStore schedule,
            Evaluator evaluator,
            Puller puller,
            SloProperties properties,
            Clock clock) {
        this.slos = slos;
        this.puller = puller;
        this.schedule = schedule;
        this.evaluator = evaluator;
        this.properties = properties;
        this.clock = clock;
    }

    /** Evaluates every SLO that is due now; returns how many were evaluated (by this caller). */
    public int evaluateDue() {
        int evaluated = 0;
        while (true) {
            Instant now = clock.instant();
            List<UUID> claimed = schedule.claimDue(now, owner, now.plus(properties.lease()), properties.batchSize());
            for (UUID id : claimed) {
                if (run(id, now)) {
                    evaluated++;
                }
            }
            if (claimed.size() < properties.batchSize()) {
                return evaluated;
            }
        }
    }

    /** Evaluates one SLO now, due or not. */
    public SloStatus evaluateNow(UUID sloId) {
        var slo = slos.find(sloId).orElseThrow(() -> new dev.klaxon.common.NotFoundException("SLO", sloId));
        Instant now = clock.instant();
        if (!schedule.claim(sloId, now, owner, now.plus(properties.lease()))) {
            throw new ConflictException("SLO " + sloId + " is being evaluated right now; try again in a moment");
        }
        try {
            puller.pull(slo, now);
            var status = evaluator.evaluate(slo, now);
            schedule.release(sloId, owner, now, now.plus(slo.alerting().evaluateEvery()));
            return status;
        } catch (RuntimeException e) {
            schedule.abandon(sloId, owner, now.plus(RETRY_AFTER_FAILURE));
            throw e;
        }
    }

    private boolean run(UUID id, Instant now) {
        var slo = slos.find(id);
        if (slo.isEmpty()) {
            return false; // deleted meanwhile
        }
        try {
            puller.pull(slo.get(), now);
            evaluator.evaluate(slo.get(), now);
            schedule.release(id, owner, now, next(now, slo.get().alerting().evaluateEvery()));
            return true;
        } catch (RuntimeException e) {
            log.warn("Evaluating SLO {} ({}) failed; retrying in {}", slo.get().name(), id, RETRY_AFTER_FAILURE, e);
            schedule.abandon(id, owner, now.plus(RETRY_AFTER_FAILURE));
            return false;
        }
    }

    /** The next multiple of the frequency after now, so evaluations keep a steady cadence. */
    static Instant next(Instant now, Duration every) {
        long step = every.toMillis();
        long next = (now.toEpochMilli() / step + 1) * step;
        return Instant.ofEpochMilli(next);
    }
}
