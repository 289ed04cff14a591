package dev.klaxon.slo;

import dev.klaxon.common.ConflictException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.services.Services;
import dev.klaxon.slo.internal.Evaluator;
import dev.klaxon.slo.internal.Puller;
import dev.klaxon.slo.internal.ScheduleStore;
import dev.klaxon.slo.internal.SloProperties;
import dev.klaxon.slo.internal.SloStore;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs SLO evaluations: the due ones (what the scheduler thread calls, and tests after moving the clock) or
 * one SLO now. Each evaluation first claims the SLO's lease in the database, so that with several instances
 * every SLO is evaluated once per cycle and never by two instances at once. Due SLOs are claimed and evaluated
 * in batches: one query reads the sums of a few hundred SLOs. SLOs with PromQL queries get their counts pulled
 * from Prometheus first (under the same lease).
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
    private final ExecutorService pool;
    private final Services services;

    SloEvaluations(
            Services services,
            SloStore slos,
            ScheduleStore schedule,
            Evaluator evaluator,
            Puller puller,
            SloProperties properties,
            Clock clock) {
        this.services = services;
        this.slos = slos;
        this.puller = puller;
        this.schedule = schedule;
        this.evaluator = evaluator;
        this.properties = properties;
        this.clock = clock;
        var counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.evaluationThreads(), r -> {
            var thread = new Thread(r, "slo-evaluation-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /**
     * Evaluates every SLO that is due now, {@code evaluation-threads} batches at a time; returns how many were
     * evaluated (by this caller). Each thread claims its own batches, so they never share an SLO.
     */
    public int evaluateDue() {
        int threads = properties.evaluationThreads();
        if (threads == 1) {
            return evaluateDueBatches();
        }
        List<Future<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(this::evaluateDueBatches));
        }
        int evaluated = 0;
        for (Future<Integer> worker : workers) {
            try {
                evaluated += worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.forEach(w -> w.cancel(true));
                return evaluated;
            } catch (ExecutionException e) {
                log.error("An SLO evaluation thread failed; its leases run out and the SLOs are retried", e.getCause());
            }
        }
        return evaluated;
    }

    private int evaluateDueBatches() {
        int evaluated = 0;
        while (true) {
            Instant now = clock.instant();
            List<UUID> claimed = schedule.claimDue(now, owner, now.plus(properties.lease()), properties.batchSize());
            if (!claimed.isEmpty()) {
                evaluated += run(claimed, now);
            }
            if (claimed.size() < properties.batchSize()) {
                return evaluated;
            }
        }
    }

    /** Evaluates one SLO now, due or not. */
    public SloStatus evaluateNow(UUID sloId, Caller by) {
        var slo = slos.find(sloId).orElseThrow(() -> new dev.klaxon.common.NotFoundException("SLO", sloId));
        by.require(Permission.SLOS_MANAGE, services.get(slo.serviceId()).teamId());
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

    /**
     * Evaluates a claimed batch: pulls first (SLOs with queries), then reads all sums at once and acts per SLO.
     * Each SLO's lease is given back with its next due time, or, when its evaluation failed, with a retry soon.
     */
    private int run(List<UUID> claimed, Instant now) {
        List<SloView> batch = slos.findAll(claimed); // deleted meanwhile: gone with their schedule rows
        List<SloView> pulled = new ArrayList<>();
        for (SloView slo : batch) {
            try {
                puller.pull(slo, now);
                pulled.add(slo);
            } catch (RuntimeException e) {
                failed(slo, e, now);
            }
        }
        List<SloView> evaluated;
        try {
            evaluated = evaluator.evaluateAll(pulled, now, (slo, e) -> failed(slo, e, now));
        } catch (RuntimeException e) {
            pulled.forEach(slo -> failed(slo, e, now));
            return 0;
        }
        Map<Instant, List<UUID>> byNext = new HashMap<>();
        for (SloView slo : evaluated) {
            byNext.computeIfAbsent(next(now, slo.alerting().evaluateEvery()), k -> new ArrayList<>())
                    .add(slo.id());
        }
        byNext.forEach((next, ids) -> schedule.releaseAll(ids, owner, now, next));
        return evaluated.size();
    }

    private void failed(SloView slo, RuntimeException e, Instant now) {
        log.warn("Evaluating SLO {} ({}) failed; retrying in {}", slo.name(), slo.id(), RETRY_AFTER_FAILURE, e);
        schedule.abandon(slo.id(), owner, now.plus(RETRY_AFTER_FAILURE));
    }

    /** The next multiple of the frequency after now, so evaluations keep a steady cadence. */
    static Instant next(Instant now, Duration every) {
        long step = every.toMillis();
        long next = (now.toEpochMilli() / step + 1) * step;
        return Instant.ofEpochMilli(next);
    }
}
