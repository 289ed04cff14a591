package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonInstance;
import dev.klaxon.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Intake answers a request without holding its thread while the event waits for its commit. When the commit
 * outlasts the submit timeout (here another transaction holds the alert's row), the sender gets the documented
 * 503 in time, and the event is still stored once the database lets it through — the answer said "please
 * retry", and the retry is a repeat, never a second alert. A Klaxon of its own, with a short submit timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowCommitIntegrationTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private ConfigurableApplicationContext klaxon;
    private Api admin;
    private Api sender;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private MeterRegistry meters;

    @BeforeAll
    void start() {
        klaxon = KlaxonInstance.start(
                clock, "target/test-data/slow-commit-" + UUID.randomUUID(), "klaxon.intake.submit-timeout=500ms");
        admin = Api.asAdmin(KlaxonInstance.port(klaxon));
        sender = Api.anonymous(KlaxonInstance.port(klaxon));
        jdbc = klaxon.getBean(JdbcClient.class);
        transactions = new TransactionTemplate(klaxon.getBean(PlatformTransactionManager.class));
        meters = klaxon.getBean(MeterRegistry.class);
    }

    @AfterAll
    void stop() {
        if (klaxon != null) {
            klaxon.close();
        }
    }

    @Test
    void anEventsApiTriggerWhoseCommitOutlastsTheTimeoutGets503AndIsStoredOnceTheRowIsFree() throws Exception {
        var integration = integration("events-v2");
        String trigger = ("{'routing_key':'" + integration.key() + "','event_action':'trigger','dedup_key':'slow-1',"
                        + "'payload':{'summary':'Slow disk','source':'db1','severity':'critical'}}")
                .replace('\'', '"');
        assertThat(sender.post("/v2/enqueue", trigger).status()).isEqualTo(202);
        double errors = counter("events-v2", "trigger", "error");

        try (var lock = RowLock.on(this, integration.serviceId(), "slow-1")) {
            var answer = sender.post("/v2/enqueue", trigger);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("status").asString()).isEqualTo("error");
            assertThat(answer.json().get("message").asString())
                    .isEqualTo("Storing the event took too long; please retry");
            assertThat(counter("events-v2", "trigger", "error")).isEqualTo(errors + 1);
            assertThat(eventCount(integration.serviceId(), "slow-1")).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(eventCount(integration.serviceId(), "slow-1"))
                        .isEqualTo(2));
        assertThat(sender.post("/v2/enqueue", trigger).status()).isEqualTo(202);
        assertThat(eventCount(integration.serviceId(), "slow-1")).isEqualTo(3);
        assertThat(alertCount(integration.serviceId())).isEqualTo(1);
    }

    @Test
    void anAlertmanagerNotificationWhoseCommitOutlastsTheTimeoutGetsAProblem503AndIsStoredLater() throws Exception {
        var integration = integration("alertmanager");
        String path = "/api/v1/integrations/alertmanager/" + integration.key();
        String notification = ("{'version':'4','groupKey':'{}:{alertname=\\\"DiskSlow\\\"}','truncatedAlerts':0,"
                        + "'status':'firing','receiver':'klaxon','groupLabels':{'alertname':'DiskSlow'},"
                        + "'commonLabels':{'alertname':'DiskSlow'},'commonAnnotations':{},"
                        + "'externalURL':'http://alertmanager:9093','alerts':[{'status':'firing',"
                        + "'labels':{'alertname':'DiskSlow','instance':'db1','severity':'critical'},"
                        + "'annotations':{'summary':'Disk slow on db1'},'startsAt':'2026-11-29T08:59:00Z',"
                        + "'endsAt':'0001-01-01T00:00:00Z','generatorURL':'','fingerprint':'f00d'}]}")
                .replace('\'', '"');
        assertThat(sender.post(path, notification).status()).isEqualTo(200);

        try (var lock = RowLock.on(this, integration.serviceId(), "f00d")) {
            var answer = sender.post(path, notification);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("title").asString()).isEqualTo("Intake unavailable");
            assertThat(answer.json().get("detail").asString()).isEqualTo("Storing the alerts took too long; retry.");
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(eventCount(integration.serviceId(), "f00d")).isEqualTo(2));
        assertThat(alertCount(integration.serviceId())).isEqualTo(1);
    }

    private record Integration(UUID serviceId, String key) {}

    private Integration integration(String type) {
        UUID serviceId = admin.createService("slow-commit");
        JsonNode created = admin.post("/api/v1/services/" + serviceId + "/integrations", "{\"type\":\"" + type + "\"}")
                .expect(201)
                .json();
        return new Integration(serviceId, created.get("key").asString());
    }

    private int eventCount(UUID serviceId, String dedupKey) {
        return jdbc.sql("SELECT event_count FROM intake_alerts WHERE service_id = ? AND dedup_key = ?")
                .params(serviceId, dedupKey)
                .query(Integer.class)
                .single();
    }

    private int alertCount(UUID serviceId) {
        return jdbc.sql("SELECT COUNT(*) FROM intake_alerts WHERE service_id = ?")
                .param(serviceId)
                .query(Integer.class)
                .single();
    }

    private double counter(String endpoint, String action, String outcome) {
        return IntakeTestSupport.counter(meters, endpoint, action, outcome);
    }

    /** Another transaction holding an alert's row (SELECT ... FOR UPDATE) until closed. */
    private static final class RowLock implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> holder;

        private RowLock(SlowCommitIntegrationTests test, UUID serviceId, String dedupKey) throws Exception {
            var locked = new CountDownLatch(1);
            holder = CompletableFuture.runAsync(() -> test.transactions.executeWithoutResult(status -> {
                test.jdbc
                        .sql("SELECT id FROM intake_alerts WHERE service_id = ? AND dedup_key = ? FOR UPDATE")
                        .params(serviceId, dedupKey)
                        .query(UUID.class)
                        .single();
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        }

        static RowLock on(SlowCommitIntegrationTests test, UUID serviceId, String dedupKey) throws Exception {
            return new RowLock(test, serviceId, dedupKey);
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
