package dev.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * N incidents (default 10,000) whose second escalation level falls due at the same instant, on one instance with
 * its engine and delivery loops running as in production. Measures, per page, the lag from the step's due time
 * to (a) the page and its delivery being committed to the outbox, and (b) the delivery being claimed by a sender
 * ({@code handed_at}). Not part of the build (no *Tests suffix); run with
 * {@code ./mvnw verify -Dit.test=EscalationLagBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.incidents=10000} (add the PostgreSQL variables of the README to run it there).
 *
 * <p>The clock stands still while the incidents open (so every level-2 step is due at the same instant), then
 * follows real time from two seconds before that instant.
 */
class EscalationLagBench {

    @Test
    void tenThousandIncidentsEscalateAtOnce() throws Exception {
        int n = Integer.getInteger("bench.incidents", 10_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var clock = new MutableClock(start);
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
        });
        receiver.start();
        boolean sending = !Boolean.getBoolean("bench.no-senders");
        List<String> properties = new ArrayList<>(List.of(
                "klaxon.escalation.worker-enabled=true",
                "klaxon.notify.worker-enabled=" + sending,
                "logging.level.dev.klaxon=WARN"));
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
            clock.followRealTimeFrom(due.minusSeconds(2));
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofMinutes(10))
                    .until(() -> count(jdbc, second, sending) >= n);

            List<Long> committed = lags(jdbc, second, "p.paged_at", due);
            List<Long> handed = sending ? lags(jdbc, second, "d.handed_at", due) : List.of(-1L);
            System.out.printf(
                    "Escalation bench (%s): %d incidents opened in %.1f s; level 2 of all due at once.%n"
                            + "  due -> page and delivery committed: p50 %d ms, p99 %d ms, max %d ms%n"
                            + "  due -> delivery handed to a sender:  p50 %d ms, p99 %d ms, max %d ms%n"
                            + "  webhook requests received: %d%n",
                    jdbc.sql("SELECT 1").query(Integer.class).single() == 1
                            ? System.getProperty("spring.datasource.url", "H2")
                            : "?",
                    n,
                    openSeconds,
                    percentile(committed, 50),
                    percentile(committed, 99),
                    percentile(committed, 100),
                    percentile(handed, 50),
                    percentile(handed, 99),
                    percentile(handed, 100),
                    received.get());
            assertThat(committed).hasSize(n);
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

    /** Deliveries to the person, all of them or only those a sender has taken. */
    private static long count(JdbcClient jdbc, String userId, boolean handedOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM notify_deliveries WHERE user_id = ?"
                        + (handedOnly ? " AND handed_at IS NOT NULL" : ""))
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
