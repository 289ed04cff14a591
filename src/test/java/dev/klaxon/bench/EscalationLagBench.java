package dev.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.escalation.internal.EscalationProperties;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * N incidents (default 10,000) whose second escalation level falls due at the same instant, on one instance with
 * its engine and delivery loops running as in production. Measures, per page, the lag from the step's due time
 * to (a) its delivery being written to the outbox (negative when staged ahead), (b) the delivery being claimed by a
 * sender ({@code handed_at}), (c) the webhook having answered ({@code sent_at}), and (d) the engine having run the
 * step (timeline lines, next timer). Not part of the build (no *Tests suffix); run with
 * {@code ./mvnw verify -Dit.test=EscalationLagBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.incidents=10000} (add the PostgreSQL variables of the README to run it there).
 *
 * <p>The clock stands still while the incidents open (so every level-2 step is due at the same instant), then
 * follows real time from five seconds before the staging window ({@code klaxon.escalation.stage-ahead}) opens;
 * {@code -Dbench.klaxon.escalation.stage-ahead=0} measures without staging.
 */
class EscalationLagBench {

    @Test
    void tenThousandIncidentsEscalateAtOnce() throws Exception {
        int n = Integer.getInteger("bench.incidents", 10_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var clock = new MutableClock(start);
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
        });
        receiver.start();
        boolean sending = !Boolean.getBoolean("bench.no-senders");
        List<String> properties = new ArrayList<>(List.of(
                "klaxon.escalation.worker.enabled=true",
                "klaxon.notify.worker.enabled=" + sending,
                "logging.level.dev.klaxon=WARN",
                // "Claimed N deliveries in M ms": how long the claim of the burst took, commit included
                "logging.level.dev.klaxon.notify.internal.Outbox=DEBUG"));
        // -Dbench.klaxon.notify.batch-size=500 sets klaxon.notify.batch-size of the instance: for comparing settings.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench.klaxon."))
                .forEach(name -> properties.add(name.substring("bench.".length()) + "=" + System.getProperty(name)));
        try (ConfigurableApplicationContext context = KlaxonInstance.start(
                clock, "target/test-data/bench-" + UUID.randomUUID(), properties.toArray(String[]::new))) {
            int port = KlaxonInstance.port(context);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Api api = Api.asAdmin(port);
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String first = person(api, "bench-first", hook);
            String second = person(api, "bench-second", hook);
            String team = api.post("/api/v1/teams", "{\"name\":\"bench-" + UUID.randomUUID() + "\"}")
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            String policy = api.post("/api/v1/escalation-policies", """
                            {"name":"bench-%s","levels":[
                              {"timeout":"PT5M","targets":[{"type":"user","id":"%s"}]},
                              {"timeout":"PT5M","targets":[{"type":"user","id":"%s"}]}]}""".formatted(UUID.randomUUID(), first, second))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            String service = api.post(
                            "/api/v1/services",
                            "{\"name\":\"bench\",\"teamId\":\"" + team + "\",\"escalationPolicyId\":\"" + policy
                                    + "\"}")
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            String key = api.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                    .expect(201)
                    .json()
                    .get("key")
                    .asString();

            long openStart = System.nanoTime();
            var pool = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            IntStream.range(0, n)
                    .forEach(i -> sends.add(pool.submit(() -> Api.anonymous(port)
                            .post(
                                    "/v2/enqueue",
                                    "{\"routing_key\":\"" + key
                                            + "\",\"event_action\":\"trigger\",\"dedup_key\":\"bench-" + i
                                            + "\",\"payload\":{\"summary\":\"bench " + i
                                            + "\",\"source\":\"bench\",\"severity\":\"error\"}}")
                            .expect(202))));
            for (var send : sends) {
                send.get();
            }
            pool.shutdown();
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            // Level 1 runs while the clock stands still: a warm-up that also leaves every level-2 step due at once.
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofMinutes(10))
                    .until(() -> count(jdbc, first, false) >= n);
            if (sending) {
                await().pollInterval(Duration.ofSeconds(1))
                        .atMost(Duration.ofMinutes(10))
                        .until(() -> count(jdbc, first, true) >= n);
            }

            Instant due = start.plus(Duration.ofMinutes(5));
            // Time flows through the staging window as in production: the steps are staged ahead, then fall due.
            Duration stageAhead = context.getBean(EscalationProperties.class).stageAhead();
            clock.followRealTimeFrom(due.minus(stageAhead).minusSeconds(5));
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofMinutes(10).plus(stageAhead))
                    .until(() -> count(jdbc, second, sending) >= n);
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofMinutes(10))
                    .until(() -> stepsRun(jdbc) >= n);

            List<Long> written = lags(jdbc, second, "d.created_at", due);
            List<Long> handed = sending ? lags(jdbc, second, "d.handed_at", due) : List.of(-1L);
            List<Long> sent = sending ? lags(jdbc, second, "d.sent_at", due) : List.of(-1L);
            // handed_at is stamped in the claim's UPDATE; the timer is recorded once the claim has committed.
            double handOffMax = context.getBean(MeterRegistry.class)
                    .get("klaxon.notify.handoff.lag")
                    .timer()
                    .max(TimeUnit.MILLISECONDS);
            List<Long> run = jdbc.sql("SELECT done_at FROM escalation_timers WHERE step_key = 'L2.C0' ORDER BY 1")
                    .query((rs, row) -> Duration.between(due, JdbcTime.fromDb(rs, "done_at"))
                            .toMillis())
                    .list();
            System.out.printf(
                    "Escalation bench (%s): %d incidents opened in %.1f s; level 2 of all due at once;"
                            + " stage-ahead %s.%n"
                            + "  due -> delivery written (negative: ahead): p50 %d ms, p99 %d ms, max %d ms%n"
                            + "  due -> delivery handed to a sender:  p50 %d ms, p99 %d ms, max %d ms (claim stamp)%n"
                            + "  due -> claim committed, handed to the sender pool: max %.0f ms%n"
                            + "  due -> webhook answered (sent):      p50 %d ms, p99 %d ms, max %d ms%n"
                            + "  due -> step run by the engine:       p50 %d ms, p99 %d ms, max %d ms%n"
                            + "  webhook requests received: %d%n",
                    jdbc.sql("SELECT 1").query(Integer.class).single() == 1
                            ? System.getProperty("spring.datasource.url", "H2")
                            : "?",
                    n,
                    openSeconds,
                    stageAhead,
                    percentile(written, 50),
                    percentile(written, 99),
                    percentile(written, 100),
                    percentile(handed, 50),
                    percentile(handed, 99),
                    percentile(handed, 100),
                    handOffMax,
                    percentile(sent, 50),
                    percentile(sent, 99),
                    percentile(sent, 100),
                    percentile(run, 50),
                    percentile(run, 99),
                    percentile(run, 100),
                    received.get());
            assertThat(written).hasSize(n);
            assertThat(run).hasSize(n);
        } finally {
            receiver.stop(0);
        }
    }

    private static String person(Api api, String name, String hook) {
        String id = api.post(
                        "/api/v1/users",
                        "{\"username\":\"" + name + "-" + UUID.randomUUID() + "\",\"name\":\"" + name + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/users/" + id + "/contact-methods", "{\"type\":\"webhook\",\"address\":\"" + hook + "\"}")
                .expect(201);
        return id;
    }

    private static long stepsRun(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM escalation_timers WHERE step_key = 'L2.C0' AND done_at IS NOT NULL")
                .query(Long.class)
                .single();
    }

    /** Deliveries to the person, all of them or only those a sender has sent. */
    private static long count(JdbcClient jdbc, String userId, boolean sentOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM notify_deliveries WHERE user_id = ?"
                        + (sentOnly ? " AND sent_at IS NOT NULL" : ""))
                .param(UUID.fromString(userId))
                .query(Long.class)
                .single();
    }

    private static List<Long> lags(JdbcClient jdbc, String userId, String column, Instant due) {
        return jdbc.sql("SELECT " + column + " AS at FROM notify_deliveries d JOIN notify_pages p ON p.id = d.page_id "
                        + "WHERE d.user_id = ? ORDER BY 1")
                .param(UUID.fromString(userId))
                .query((rs, row) ->
                        Duration.between(due, JdbcTime.fromDb(rs, "at")).toMillis())
                .list();
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
