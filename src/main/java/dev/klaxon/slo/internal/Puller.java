package dev.klaxon.slo.internal;

import dev.klaxon.slo.PullStatus;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloView;
import dev.klaxon.slo.internal.BucketStore.Counts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pulls the counts of an SLO with PromQL queries before it is evaluated: one bucket per evaluation interval
 * (whole minutes) from where the last pull ended up to the current interval's end, stored as source
 * {@code prometheus} through the same replace-per-minute path as pushed counts, so pulling an interval again
 * changes nothing. A failure is recorded on the SLO and counted ({@code klaxon.slo.prometheus.pulls}, outcome
 * {@code failure}); the evaluation goes on with the counts it has, and the next one retries from the same point.
 */
@Component
public class Puller {

    public static final String SOURCE = "prometheus";
    private static final Logger log = LoggerFactory.getLogger(Puller.class);

    private final PrometheusClient prometheus;
    private final PullStore store;
    private final BucketStore buckets;
    private final SloProperties.Prometheus config;
    private final Duration budget;
    private final Counter successes;
    private final Counter failures;

    Puller(
            PrometheusClient prometheus,
            PullStore store,
            BucketStore buckets,
            SloProperties properties,
            MeterRegistry meters) {
        this.prometheus = prometheus;
        this.store = store;
        this.buckets = buckets;
        this.config = properties.prometheus();
        // A catch-up stops well within the evaluation lease, so no other instance takes the SLO over meanwhile.
        this.budget = properties.lease().dividedBy(2);
        this.successes = Counter.builder("klaxon.slo.prometheus.pulls")
                .description("Pulls of SLO counts from Prometheus")
                .tag("outcome", "success")
                .register(meters);
        this.failures = Counter.builder("klaxon.slo.prometheus.pulls")
                .description("Pulls of SLO counts from Prometheus")
                .tag("outcome", "failure")
                .register(meters);
    }

    /** Pulls what is missing up to {@code now}; never throws for Prometheus trouble (it is recorded instead). */
    public void pull(SloView slo, Instant now) {
        SliQueries queries = slo.queries();
        if (queries == null || !prometheus.configured()) {
            return;
        }
        Duration step =
                Duration.ofMinutes(Math.max(1, (slo.alerting().evaluateEvery().toSeconds() + 59) / 60));
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant earliest = end.minus(step.multipliedBy(config.maxCatchUp()));
        Instant from = store.find(slo.id()).map(PullStore.State::pulledUntil).orElse(null);
        if (from == null) {
            from = end.minus(step);
        } else if (from.isBefore(earliest)) {
            from = earliest;
        }
        var counts = new TreeMap<Instant, Counts>();
        Instant pulled = null;
        long deadline = System.nanoTime() + budget.toNanos(); // real elapsed time, not business time
        try {
            for (Instant t = from; t.isBefore(end) && System.nanoTime() < deadline; ) {
                Instant next = t.plus(step).isAfter(end) ? end : t.plus(step);
                counts.put(t, interval(queries, Duration.between(t, next), next));
                pulled = next;
                t = next;
            }
        } catch (PullException e) {
            save(slo, counts);
            store.failed(slo.id(), pulled, e.getMessage(), now);
            failures.increment();
            log.info("Pulling SLO {} ({}) from Prometheus failed: {}", slo.name(), slo.id(), e.getMessage());
            return;
        }
        save(slo, counts);
        if (pulled != null) {
            store.succeeded(slo.id(), pulled, now);
            successes.increment();
        }
    }

    /** The SLO's pull status: null for SLOs without queries. */
    public PullStatus status(SloView slo) {
        if (slo.queries() == null) {
            return null;
        }
        var state = store.find(slo.id()).orElse(null);
        if (!prometheus.configured()) {
            return new PullStatus(
                    PullStatus.State.DISABLED,
                    PullStatus.NOT_CONFIGURED,
                    state == null ? null : state.pulledUntil(),
                    state == null ? null : state.lastSuccessAt(),
                    state == null ? null : state.lastError(),
                    state == null ? null : state.lastErrorAt(),
                    state == null ? 0 : state.consecutiveFailures());
        }
        if (state == null) {
            return new PullStatus(
                    PullStatus.State.PENDING, "Not pulled yet: the next evaluation pulls", null, null, null, null, 0);
        }
        boolean failing = state.consecutiveFailures() > 0;
        return new PullStatus(
                failing ? PullStatus.State.FAILING : PullStatus.State.OK,
                failing
                        ? "Pulling fails (" + state.consecutiveFailures() + "× in a row): " + state.lastError()
                        : "Counts pulled from Prometheus up to " + state.pulledUntil(),
                state.pulledUntil(),
                state.lastSuccessAt(),
                state.lastError(),
                state.lastErrorAt(),
                state.consecutiveFailures());
    }

    private Counts interval(SliQueries q, Duration range, Instant at) {
        double total = prometheus.value(PromQl.countQuery(q.totalQuery(), range, config.subqueryStep()), at);
        double events = prometheus.value(PromQl.countQuery(q.eventQuery(), range, config.subqueryStep()), at);
        long t = Math.max(0, Math.round(total));
        long e = Math.min(t, Math.max(0, Math.round(events)));
        return new Counts(q.countsBad() ? t - e : e, t);
    }

    private void save(SloView slo, TreeMap<Instant, Counts> counts) {
        buckets.replace(slo.id(), SOURCE, counts);
    }
}
