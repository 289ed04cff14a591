package dev.klaxon.slo.internal;

import dev.klaxon.common.WorkerSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaxon.slo.*}: the SLO engine.
 *
 * @param worker {@code klaxon.slo.worker.*}: {@code enabled} (default true; every instance may run the evaluation
 *     worker, the database hands each due SLO to one of them), {@code poll-interval} (how often it looks for due
 *     SLOs, default 10s), {@code settle} (default 0)
 * @param lease how long a claimed evaluation may take before another instance may take it over (default 2m)
 * @param batchSize SLOs claimed per poll (default 200)
 * @param evaluationThreads how many batches one instance evaluates at once (default 2): one thread waits for
 *     the database while the other computes
 * @param acceptLate how old pushed events may be (default 2 days); older ones are refused
 * @param acceptFuture how far ahead of the server clock pushed events may be (default 5 minutes)
 * @param maxEventsPerPush events per push request (default 10000)
 * @param rollUpAfter minute buckets are kept this long (default 3 days), then only their hour and day buckets
 *     hold them; must be longer than {@code acceptLate}, so that a late push always finds the minute it replaces
 * @param retention hour and day buckets older than this are deleted (default 400 days; at least 32 days)
 * @param prometheus where SLOs with PromQL queries get their counts from
 */
@ConfigurationProperties("klaxon.slo")
public record SloProperties(
        WorkerSettings worker,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("200") int batchSize,
        @DefaultValue("2") int evaluationThreads,
        @DefaultValue("2d") Duration acceptLate,
        @DefaultValue("5m") Duration acceptFuture,
        @DefaultValue("10000") int maxEventsPerPush,
        @DefaultValue("3d") Duration rollUpAfter,
        @DefaultValue("400d") Duration retention,
        @DefaultValue Prometheus prometheus) {

    /**
     * {@code klaxon.slo.prometheus.*}: the Prometheus HTTP API that SLOs with PromQL queries are pulled from.
     *
     * @param baseUrl e.g. {@code http://prometheus:9090} (unset: pulling is off; SLOs with queries say so)
     * @param timeout connect and request timeout of one query (default 10s)
     * @param username with {@code password}: HTTP basic authentication
     * @param password see {@code username}
     * @param bearerToken sent as {@code Authorization: Bearer} (instead of basic authentication)
     * @param subqueryStep the resolution of the subquery that turns a counter expression into an increase
     *     (default 15s; at most a quarter of the evaluation frequency is used)
     * @param maxCatchUp at most this many missed evaluation intervals are pulled at once after an outage
     *     (default 60); older gaps stay empty
     */
    public record Prometheus(
            String baseUrl,
            @DefaultValue("10s") Duration timeout,
            String username,
            String password,
            String bearerToken,
            @DefaultValue("15s") Duration subqueryStep,
            @DefaultValue("60") int maxCatchUp) {

        public Prometheus {
            if (baseUrl != null && baseUrl.isBlank()) {
                baseUrl = null;
            }
            if (baseUrl != null && !baseUrl.matches("https?://.+")) {
                throw new IllegalArgumentException("klaxon.slo.prometheus.base-url must be an http(s) URL");
            }
            if (username != null && bearerToken != null) {
                throw new IllegalArgumentException(
                        "klaxon.slo.prometheus: give username/password or bearer-token, not both");
            }
            if (timeout.isNegative() || timeout.isZero() || subqueryStep.toSeconds() < 1 || maxCatchUp < 1) {
                throw new IllegalArgumentException(
                        "klaxon.slo.prometheus: timeout must be positive, subquery-step at least 1s, max-catch-up at"
                                + " least 1");
            }
        }

        public boolean enabled() {
            return baseUrl != null;
        }
    }

    public SloProperties {
        worker = (worker == null ? new WorkerSettings(null, null, null) : worker)
                .withDefaults("slo", Duration.ofSeconds(10), Duration.ZERO);
        if (rollUpAfter.compareTo(acceptLate) <= 0) {
            throw new IllegalArgumentException("klaxon.slo.roll-up-after must be longer than klaxon.slo.accept-late");
        }
        if (retention.compareTo(java.time.Duration.ofDays(32)) < 0 || retention.compareTo(rollUpAfter) <= 0) {
            throw new IllegalArgumentException(
                    "klaxon.slo.retention must be at least 32 days and longer than klaxon.slo.roll-up-after");
        }
        if (batchSize < 1 || maxEventsPerPush < 1 || evaluationThreads < 1) {
            throw new IllegalArgumentException(
                    "klaxon.slo.batch-size, evaluation-threads and max-events-per-push must be at least 1");
        }
    }
}
