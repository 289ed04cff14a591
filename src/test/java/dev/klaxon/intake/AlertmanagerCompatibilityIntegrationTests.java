package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stock Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, 0.25.0 in CI) pointed at the
 * running Klaxon opens, deduplicates and resolves incidents through both of Klaxon's doors: the Alertmanager
 * webhook ({@code webhook_configs}) and the PagerDuty Events API v2 ({@code pagerduty_configs}).
 *
 * <p>Two Alertmanager replicas run with the same configuration and no gossip between them, like an HA pair
 * whose cluster is partitioned: each one notifies on its own, so Klaxon receives every notification twice
 * and must fold the second into the open alert. (One Alertmanager alone does not send an unchanged group
 * again before {@code repeat_interval}, 1 h here.)
 *
 * <p>Waiting is on Alertmanager's own delivery over the network (bounded polling of Klaxon's API); Klaxon's
 * business clock is not involved. The binary is {@code $ALERTMANAGER_BIN} or
 * {@code /usr/bin/prometheus-alertmanager}; without it the test is skipped, or fails when
 * {@code KLAXON_REQUIRE_EXTERNAL_TOOLS=true} (CI). Each replica's log is in
 * {@code target/alertmanager-it/<run>/}; its tail is printed when the test fails.
 */
@KlaxonIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerCompatibilityIntegrationTests {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Short and unique per run: in the label values, the service names and the log directory. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final List<Alertmanager> alertmanagers = new ArrayList<>();

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            alertmanagers.forEach(Alertmanager::printLogTail);
        }
    };

    @LocalServerPort
    int port;

    Api admin;
    UUID webhookService;
    UUID pagerDutyService;

    @AfterAll
    void stopAlertmanagers() {
        alertmanagers.forEach(Alertmanager::stop);
    }

    @Test
    void alertmanagerOpensDeduplicatesAndResolvesIncidents() throws Exception {
        startAlertmanagers();
        Alertmanager first = alertmanagers.get(0);
        Alertmanager second = alertmanagers.get(1);
        // Real wall-clock time: this is what Prometheus would send; Alertmanager compares it with its own clock.
        Instant startsAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ArrayNode firing = JSON.createArrayNode()
                .add(alert("webhook", "HighErrorRate", "a-" + run, "page", "Error rate above 5% on a", startsAt))
                .add(alert("webhook", "HighErrorRate", "b-" + run, "warn", "Error rate above 5% on b", startsAt))
                .add(alert("pagerduty", "DiskFull", "c-" + run, "critical", "Disk full on c", startsAt));

        // 1. Firing: one incident per alert (each alert is its own group).
        first.postAlerts(firing);
        List<JsonNode> webhookIncidents = awaitIncidents(webhookService, 2);
        List<JsonNode> pagerDutyIncidents = awaitIncidents(pagerDutyService, 1);

        assertThat(webhookIncidents).allSatisfy(incident -> {
            assertThat(incident.get("status").asString()).isEqualTo("TRIGGERED");
            assertThat(incident.get("alertCount").asInt()).isEqualTo(1);
        });
        assertThat(webhookIncidents)
                .extracting(incident -> incident.get("title").asString())
                .containsExactlyInAnyOrder("Error rate above 5% on a", "Error rate above 5% on b");
        List<JsonNode> webhookAlerts = alertsOf(webhookIncidents);
        assertThat(webhookAlerts).allSatisfy(alert -> {
            assertThat(alert.get("status").asString()).isEqualTo("TRIGGERED");
            assertThat(alert.get("dedupKey").asString()).matches("[0-9a-f]{16}"); // Alertmanager's fingerprint
            assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("HighErrorRate");
            assertThat(alert.get("labels").get("receiver").asString()).isEqualTo("webhook");
            assertThat(alert.get("labels").get("run").asString()).isEqualTo(run);
        });
        assertThat(webhookAlerts)
                .extracting(alert -> alert.get("labels").get("instance").asString() + "="
                        + alert.get("severity").asString())
                .containsExactlyInAnyOrder("a-" + run + "=critical", "b-" + run + "=warning");
        assertThat(webhookAlerts)
                .extracting(alert -> alert.get("source").asString())
                .containsExactlyInAnyOrder("a-" + run, "b-" + run);

        JsonNode pagerDutyIncident = pagerDutyIncidents.get(0);
        assertThat(pagerDutyIncident.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(pagerDutyIncident.get("title").asString())
                .startsWith("[FIRING:1] DiskFull")
                .contains("c-" + run);
        List<JsonNode> pagerDutyAlerts = alertsOf(pagerDutyIncidents);
        assertThat(pagerDutyAlerts).singleElement().satisfies(alert -> {
            // pagerduty_configs: dedup_key is the SHA-256 of the group key, severity its default "error".
            assertThat(alert.get("dedupKey").asString()).matches("[0-9a-f]{64}");
            assertThat(alert.get("severity").asString()).isEqualTo("error");
        });

        // 2. The same alerts again: the first replica has notified already and stays quiet (repeat_interval
        // 1 h); the second notifies the same groups again. Klaxon counts a repeat instead of opening anything.
        first.postAlerts(firing);
        second.postAlerts(firing);
        awaitEventCounts(webhookIncidents, 2);
        awaitEventCounts(pagerDutyIncidents, 2);
        assertThat(incidents(webhookService)).hasSize(2);
        assertThat(incidents(pagerDutyService)).hasSize(1);
        assertThat(alertsOf(incidents(webhookService))).hasSize(2);
        assertThat(alertsOf(incidents(pagerDutyService))).hasSize(1);

        // 3. Resolved (endsAt in the past) on both replicas: each sends a resolved notification; the first
        // resolves the alerts and, with them, the incidents; the second finds nothing open.
        ArrayNode resolved = firing.deepCopy();
        Instant endsAt = Instant.now().minusSeconds(1);
        resolved.forEach(alert -> ((ObjectNode) alert).put("endsAt", endsAt.toString()));
        first.postAlerts(resolved);
        second.postAlerts(resolved);
        awaitAllResolved(webhookService, 2);
        awaitAllResolved(pagerDutyService, 1);
        assertThat(alertsOf(incidents(webhookService)))
                .allSatisfy(alert -> assertThat(alert.get("status").asString()).isEqualTo("RESOLVED"));
        assertThat(alertsOf(incidents(pagerDutyService)))
                .allSatisfy(alert -> assertThat(alert.get("status").asString()).isEqualTo("RESOLVED"));
    }

    /**
     * Called by the test itself, not from {@code @BeforeAll}: a missing binary then shows in the report as a
     * skipped test with its reason (an aborted {@code @BeforeAll} vanishes from Surefire's counts).
     */
    private void startAlertmanagers() throws IOException, InterruptedException {
        Path binary = alertmanagerBinary();
        admin = Api.asAdmin(port);
        webhookService = admin.createService("am-webhook-" + run);
        pagerDutyService = admin.createService("am-pagerduty-" + run);
        String webhookKey = createIntegration(webhookService, "alertmanager");
        String eventsV2Key = createIntegration(pagerDutyService, "events-v2");

        Path dir = Path.of("target", "alertmanager-it", run).toAbsolutePath();
        Files.createDirectories(dir);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, config(webhookKey, eventsV2Key), StandardCharsets.UTF_8);
        alertmanagers.add(Alertmanager.start(binary, config, dir.resolve("replica-1")));
        alertmanagers.add(Alertmanager.start(binary, config, dir.resolve("replica-2")));
    }

    // --- Klaxon side -----------------------------------------------------------------------------------------

    private String createIntegration(UUID service, String type) {
        return admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"" + type + "\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
    }

    private List<JsonNode> incidents(UUID service) {
        JsonNode page = admin.get("/api/v1/incidents?serviceId=" + service + "&limit=100")
                .expect(200)
                .json();
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private List<JsonNode> alertsOf(List<JsonNode> incidents) {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode incident : incidents) {
            admin.get("/api/v1/incidents/" + incident.get("id").asString() + "/alerts")
                    .expect(200)
                    .json()
                    .forEach(alerts::add);
        }
        return alerts;
    }

    private List<JsonNode> awaitIncidents(UUID service, int expected) {
        await(expected + " incident(s) on service " + service)
                .atMost(DELIVERY_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> assertThat(incidents(service)).hasSizeGreaterThanOrEqualTo(expected));
        List<JsonNode> incidents = incidents(service);
        assertThat(incidents).as("incidents of service %s", service).hasSize(expected);
        return incidents;
    }

    private void awaitEventCounts(List<JsonNode> incidents, int atLeast) {
        await("every alert seen " + atLeast + " times")
                .atMost(DELIVERY_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> assertThat(alertsOf(incidents))
                        .isNotEmpty()
                        .allSatisfy(alert ->
                                assertThat(alert.get("eventCount").asInt()).isGreaterThanOrEqualTo(atLeast)));
    }

    private void awaitAllResolved(UUID service, int expected) {
        await("the incidents of service " + service + " resolved")
                .atMost(DELIVERY_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .untilAsserted(() -> assertThat(incidents(service))
                        .hasSize(expected)
                        .allSatisfy(incident ->
                                assertThat(incident.get("status").asString()).isEqualTo("RESOLVED")));
    }

    // --- Alertmanager side -----------------------------------------------------------------------------------

    private ObjectNode alert(
            String receiver, String alertname, String instance, String severity, String summary, Instant startsAt) {
        ObjectNode alert = JSON.createObjectNode();
        alert.putObject("labels")
                .put("alertname", alertname)
                .put("instance", instance)
                .put("severity", severity)
                .put("receiver", receiver)
                .put("run", run);
        alert.putObject("annotations").put("summary", summary);
        alert.put("startsAt", startsAt.toString());
        alert.put("generatorURL", "http://prometheus.invalid/graph?g0.expr=" + alertname);
        return alert;
    }

    private String config(String webhookKey, String eventsV2Key) {
        String klaxon = "http://127.0.0.1:" + port;
        return """
                route:
                  receiver: nowhere
                  group_by: ['alertname', 'instance']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - receiver: klaxon-webhook
                      matchers: ['receiver="webhook"']
                    - receiver: klaxon-pagerduty
                      matchers: ['receiver="pagerduty"']
                receivers:
                  - name: nowhere
                  - name: klaxon-webhook
                    webhook_configs:
                      - url: '%s/api/v1/integrations/alertmanager/%s'
                        send_resolved: true
                        max_alerts: 0
                  - name: klaxon-pagerduty
                    pagerduty_configs:
                      - routing_key: '%s'
                        url: '%s/v2/enqueue'
                        send_resolved: true
                """.formatted(klaxon, webhookKey, eventsV2Key, klaxon);
    }

    private static Path alertmanagerBinary() {
        String fromEnv = System.getenv("ALERTMANAGER_BIN");
        Path binary = Path.of(fromEnv == null || fromEnv.isBlank() ? "/usr/bin/prometheus-alertmanager" : fromEnv);
        if (!Files.isExecutable(binary)) {
            String why = "Alertmanager not found at " + binary
                    + " (set ALERTMANAGER_BIN or install Debian's prometheus-alertmanager: .ci/install-tools.sh)";
            if ("true".equalsIgnoreCase(System.getenv("KLAXON_REQUIRE_EXTERNAL_TOOLS"))) {
                fail(why + "; KLAXON_REQUIRE_EXTERNAL_TOOLS=true");
            }
            Assumptions.abort(why);
        }
        return binary;
    }

    /** One Alertmanager process on 127.0.0.1, no clustering, storage and log in its own directory. */
    private record Alertmanager(Process process, int port, Path log) {

        private static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        static Alertmanager start(Path binary, Path config, Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            // The free port may be taken between probing and binding: then the process exits and we retry.
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path log = dir.resolve("alertmanager-" + attempt + ".log");
                Process process = new ProcessBuilder(
                                binary.toString(),
                                "--config.file=" + config,
                                "--storage.path=" + dir.resolve("data"),
                                "--web.listen-address=127.0.0.1:" + port,
                                "--cluster.listen-address=",
                                "--log.level=debug")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                var alertmanager = new Alertmanager(process, port, log);
                if (alertmanager.awaitReady(Duration.ofSeconds(30))) {
                    return alertmanager;
                }
                alertmanager.stop();
                if (attempt == 3) {
                    alertmanager.printLogTail();
                    throw new IllegalStateException("Alertmanager did not become ready; log: " + log);
                }
            }
        }

        /** Polls the process's readiness endpoint (real process start-up, not business time). */
        private boolean awaitReady(Duration timeout) {
            try {
                Awaitility.await()
                        .atMost(timeout)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> !process.isAlive() || ready());
            } catch (ConditionTimeoutException e) {
                return false;
            }
            return process.isAlive();
        }

        private boolean ready() {
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(uri("/-/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void postAlerts(ArrayNode alerts) {
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(uri("/api/v2/alerts"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode())
                        .as("POST /api/v2/alerts to Alertmanager: %s", response.body())
                        .isEqualTo(200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        void printLogTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.err.println("---- last lines of " + log + " ----");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.err::println);
                System.err.println("---- end of " + log + " ----");
            } catch (IOException e) {
                System.err.println("cannot read " + log + ": " + e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static int freePort() throws IOException {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
