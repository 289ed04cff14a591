package dev.klaxon.escalation;

import static dev.klaxon.escalation.EscalationTestSupport.levels;
import static dev.klaxon.escalation.EscalationTestSupport.userLevel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.klaxon.notify.Deliveries;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.MutableClock;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Klaxon instances on one database (PostgreSQL in CI; the same H2 file otherwise) escalate 200 incidents:
 * each step pages each person exactly once, each delivery is sent exactly once, and when one instance dies in
 * the middle of a batch the other finishes its work. Both instances share one test clock; their background
 * loops are off and the test drives them concurrently, so the interleaving is real and the timing is not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesEscalationIntegrationTests {

    private static final int INCIDENTS = 200;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private HttpServer webhooks;
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private EscalationTestSupport support;
    private EscalationTestSupport.Service service;
    private UUID primary;
    private UUID secondary;

    @BeforeAll
    void startTwoInstances() throws Exception {
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/", exchange -> {
            String delivery = exchange.getRequestHeaders().getFirst("X-Klaxon-Delivery");
            received.computeIfAbsent(String.valueOf(delivery), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();
        String dataDir = "target/test-data/two-instances-" + UUID.randomUUID();
        first = start("klaxon-a", dataDir);
        second = start("klaxon-b", dataDir);

        Api api = Api.asAdmin(port(first));
        support = new EscalationTestSupport(api, jdbc(first));
        primary = support.person("Primary");
        secondary = support.person("Secondary");
        String hook = "http://127.0.0.1:" + webhooks.getAddress().getPort() + "/hook";
        for (UUID person : List.of(primary, secondary)) {
            for (var method : api.get("/api/v1/users/" + person + "/contact-methods")
                    .expect(200)
                    .json()) {
                api.delete("/api/v1/users/" + person + "/contact-methods/"
                        + method.get("id").asString());
            }
            api.post(
                            "/api/v1/users/" + person + "/contact-methods",
                            "{\"type\":\"webhook\",\"address\":\"" + hook + "\"}")
                    .expect(201);
        }
        service = support.service(
                support.team(),
                support.policy(levels(userLevel("PT5M", primary), userLevel("PT5M", secondary)), 0, null));
    }

    @AfterAll
    void stop() {
        for (var context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        if (webhooks != null) {
            webhooks.stop(0);
        }
    }

    @Test
    @Order(1)
    void eachStepPagesEachPersonOnceAndEachDeliveryIsSentOnce() throws Exception {
        List<UUID> incidents = openIncidents(INCIDENTS);

        bothInstancesProcess();
        clock.advance(Duration.ofMinutes(5));
        bothInstancesProcess();

        assertEachStepPagedEachPersonOnceAndEachDeliveryArrivedOnce(incidents, 0);
    }

    @Test
    @Order(2)
    void stepsStagedByBothInstancesPageEachPersonOnceAndAreSentOnce() throws Exception {
        bothInstancesSend();
        int before = received.size();
        List<UUID> incidents = openIncidents(INCIDENTS);
        bothInstancesProcess();

        clock.advance(Duration.ofMinutes(4).plusSeconds(30)); // level 2 falls due within the staging window
        bothInstancesProcess();
        for (UUID incident : incidents) {
            assertThat(jdbc(first)
                            .sql("SELECT COUNT(*) FROM notify_pages WHERE incident_id = ? AND step_key = 'L2.C0'")
                            .param(incident)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }

        clock.advance(Duration.ofSeconds(30));
        bothInstancesSend();
        bothInstancesProcess();
        assertEachStepPagedEachPersonOnceAndEachDeliveryArrivedOnce(incidents, before);
    }

    @Test
    @Order(3)
    void whenOneInstanceDiesMidBatchTheOtherFinishesItsWork() throws Exception {
        Assumptions.assumeTrue(onPostgres(), "needs PostgreSQL to kill one instance's database connections");
        List<UUID> incidents = openIncidents(50);
        DataSource dataSource = second.getBean(DataSource.class);
        // Hold the first incident's escalation row so the first instance stops inside its batch, its claimed
        // steps locked and uncommitted, and then kill it there.
        CompletableFuture<Integer> dying;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (var lock =
                    blocker.prepareStatement("SELECT * FROM escalation_runs WHERE incident_id = ? FOR UPDATE")) {
                lock.setObject(1, incidents.get(0));
                lock.executeQuery().close();
            }
            Escalations dyingInstance = first.getBean(Escalations.class);
            dying = CompletableFuture.supplyAsync(dyingInstance::processDue);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc(second).sql("""
                                    SELECT COUNT(*) FROM pg_stat_activity
                                    WHERE application_name = 'klaxon-a' AND wait_event_type = 'Lock'""").query(Integer.class).single() > 0);
            jdbc(second)
                    .sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'klaxon-a'")
                    .query()
                    .listOfRows();
            first.close();
            blocker.rollback();
        }
        assertThat(dying).failsWithin(Duration.ofSeconds(30));

        second.getBean(Escalations.class).processDue();
        clock.advance(Duration.ofMinutes(5));
        second.getBean(Escalations.class).processDue();

        var survivor = new EscalationTestSupport(Api.asAdmin(port(second)), jdbc(second));
        for (UUID incident : incidents) {
            assertThat(survivor.pages(incident))
                    .extracting(row -> row.get("step_key") + "=" + row.get("user_id"))
                    .containsExactlyInAnyOrder("L1.C0=" + primary, "L2.C0=" + secondary);
        }
    }

    /** {@code before}: the deliveries the receiver had seen before these incidents opened. */
    private void assertEachStepPagedEachPersonOnceAndEachDeliveryArrivedOnce(List<UUID> incidents, int before)
            throws Exception {
        for (UUID incident : incidents) {
            assertThat(support.pages(incident))
                    .extracting(row -> row.get("step_key") + "=" + row.get("user_id"))
                    .containsExactlyInAnyOrder("L1.C0=" + primary, "L2.C0=" + secondary);
        }
        int expected = before + 2 * incidents.size();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            bothInstancesSend();
            assertThat(received).hasSizeGreaterThanOrEqualTo(expected);
        });
        bothInstancesSend();
        assertThat(received.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(received).hasSize(expected);
    }

    private List<UUID> openIncidents(int count) {
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Alternate the instance that receives the alert: both start escalations.
            var api = Api.asAdmin(port(i % 2 == 0 ? first : second));
            incidents.add(new EscalationTestSupport(api, jdbc(second))
                    .trigger(service, EscalationTestSupport.unique("two instances " + i)));
        }
        return incidents;
    }

    private void bothInstancesProcess() throws Exception {
        concurrently(
                () -> first.getBean(Escalations.class).processDue(),
                () -> second.getBean(Escalations.class).processDue());
    }

    private void bothInstancesSend() throws Exception {
        concurrently(
                () -> first.getBean(Deliveries.class).sendDue(),
                () -> second.getBean(Deliveries.class).sendDue());
    }

    private static void concurrently(Supplier<Integer> a, Supplier<Integer> b) throws Exception {
        var left = CompletableFuture.supplyAsync(a);
        var right = CompletableFuture.supplyAsync(b);
        left.get();
        right.get();
    }

    private static boolean onPostgres() {
        return KlaxonInstance.onPostgres();
    }

    private ConfigurableApplicationContext start(String name, String dataDir) {
        List<String> settings =
                new ArrayList<>(List.of("klaxon.escalation.batch-size=20", "klaxon.notify.batch-size=20"));
        if (onPostgres()) {
            settings.add("spring.datasource.hikari.data-source-properties.ApplicationName=" + name);
        }
        return KlaxonInstance.start(clock, dataDir, settings.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return KlaxonInstance.port(context);
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }
}
