package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pull mode against a real Prometheus (Debian's {@code prometheus}, 2.42 in CI): the test serves two counters it
 * controls on {@code /metrics}, Prometheus scrapes them every second, and an SLO with a bad-events and a total
 * query gets its counts from Prometheus when it is evaluated.
 *
 * <p>Prometheus lives in real time while Klaxon's business time is the test clock, so the clock is set to the
 * real minute that just ended before the pull. The binary is {@code $PROMETHEUS_BIN} or
 * {@code /usr/bin/prometheus}; without it the test is skipped, or fails when
 * {@code KLAXON_REQUIRE_EXTERNAL_TOOLS=true} (CI). Prometheus's log is in {@code target/prometheus-it/<run>/};
 * its tail is printed when the test fails. This class has its own application context (Prometheus's address
 * is a property).
 */
@KlaxonIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusPullIntegrationTests {

    private static final int PROMETHEUS_PORT = freePort();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @DynamicPropertySource
    static void prometheus(DynamicPropertyRegistry registry) {
        registry.add("klaxon.slo.prometheus.base-url", () -> "http://127.0.0.1:" + PROMETHEUS_PORT);
        registry.add("klaxon.slo.prometheus.timeout", () -> "5s");
        // Prometheus scrapes every second here; a 1 s subquery step sees the counters' every change.
        registry.add("klaxon.slo.prometheus.subquery-step", () -> "1s");
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong ok = new AtomicLong(1000);
    private final AtomicLong failed = new AtomicLong(0);
    private HttpServer metrics;
    private Process prometheus;
    private Path log;

    @RegisterExtension
    final TestWatcher printLogOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (log != null && Files.exists(log)) {
                try {
                    List<String> lines = Files.readAllLines(log);
                    System.err.println("--- prometheus log (tail) " + log);
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                } catch (IOException e) {
                    System.err.println("cannot read " + log + ": " + e);
                }
            }
        }
    };

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    void stop() throws InterruptedException {
        stopPrometheus();
        if (metrics != null) {
            metrics.stop(0);
        }
    }

    @Test
    void countsArePulledFromPrometheusAndFailuresAreRecordedOnTheSlo() throws Exception {
        startPrometheus();
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-pull");
        String sloId = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Test requests succeed","objective":99.5,"window":"P28D",
                         "badQuery":"sum(test_requests_total{code=\\"500\\"})",
                         "totalQuery":"sum(test_requests_total)"}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String brokenId = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Broken query","objective":99,"window":"P28D",
                         "badQuery":"sum(test_requests_total{code=\\"500\\"}","totalQuery":"sum(test_requests_total)"}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertThat(admin.get("/api/v1/slos/" + sloId)
                        .expect(200)
                        .json()
                        .get("pull")
                        .get("state")
                        .asString())
                .isEqualTo("PENDING");

        // Change the counters well inside a real minute, so the minute holds samples from before and after.
        await("a point in the minute with room before and after")
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int second = Instant.now().atOffset(ZoneOffset.UTC).getSecond();
                    return second >= 5 && second <= 45;
                });
        Instant changedAt = Instant.now();
        ok.addAndGet(990);
        failed.addAndGet(10);
        awaitQuery("sum(test_requests_total)", 2000);
        Instant end = changedAt.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        await("the real minute to end")
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(end.plusSeconds(1)));
        if (!end.isAfter(clock.instant())) {
            fail("the test clock (" + clock.instant() + ") is already past the real time " + end);
        }
        clock.set(end);

        var evaluated = admin.post("/api/v1/slos/" + sloId + "/evaluate", "")
                .expect(200)
                .json();

        var budget = evaluated.get("errorBudget");
        long total = budget.get("totalEvents").asLong();
        long bad = budget.get("badEvents").asLong();
        // increase() extrapolates to the ends of the minute, so a count may come out slightly above the change.
        assertThat(total).isBetween(1000L, 1050L);
        assertThat(bad).isBetween(10L, 11L);
        assertThat(evaluated.get("sli").asDouble()).isCloseTo(0.99, org.assertj.core.api.Assertions.within(0.001));
        assertThat(evaluated.get("pull").get("state").asString()).isEqualTo("OK");
        assertThat(evaluated.get("pull").get("pulledUntil").asString()).isEqualTo(end.toString());
        var buckets = jdbc.sql("SELECT source, bucket_start, good, total FROM slo_buckets WHERE slo_id = ?"
                        + " AND resolution_seconds = 60")
                .param(UUID.fromString(sloId))
                .query((rs, n) -> rs.getString("source") + " "
                        + rs.getObject("bucket_start", java.time.OffsetDateTime.class)
                                .toInstant() + " " + rs.getLong("good") + "/" + rs.getLong("total"))
                .list();
        assertThat(buckets)
                .containsExactly("prometheus " + end.minus(Duration.ofMinutes(1)) + " " + (total - bad) + "/" + total);

        // Evaluating again in the same minute pulls nothing new and counts nothing twice.
        var again = admin.post("/api/v1/slos/" + sloId + "/evaluate", "")
                .expect(200)
                .json();
        assertThat(again.get("errorBudget").get("totalEvents").asLong()).isEqualTo(total);

        // A query Prometheus refuses: the evaluation still runs, the SLO shows why nothing arrives.
        double failuresBefore = failures();
        var broken = admin.post("/api/v1/slos/" + brokenId + "/evaluate", "")
                .expect(200)
                .json();
        assertThat(broken.get("pull").get("state").asString()).isEqualTo("FAILING");
        assertThat(broken.get("pull").get("lastError").asString()).contains("bad_data", "parse error");
        assertThat(broken.get("state").asString()).isEqualTo("NO_DATA");
        assertThat(failures()).isEqualTo(failuresBefore + 1);
        assertThat(admin.get("/slos/" + brokenId, "text/html").expect(200).body())
                .contains("parse error");

        // Prometheus gone: the due evaluation records the failure and keeps its place for the catch-up.
        stopPrometheus();
        clock.advance(Duration.ofMinutes(1));
        admin.post("/api/v1/slos/" + sloId + "/evaluate", "").expect(200);
        var down = admin.get("/api/v1/slos/" + sloId).expect(200).json().get("pull");
        assertThat(down.get("state").asString()).isEqualTo("FAILING");
        assertThat(down.get("lastError").asString()).contains("not reachable");
        assertThat(down.get("pulledUntil").asString()).isEqualTo(end.toString());
        assertThat(failures()).isEqualTo(failuresBefore + 2);
    }

    private double failures() {
        var counter = meters.find("klaxon.slo.prometheus.pulls")
                .tag("outcome", "failure")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    // --- the scraped endpoint and Prometheus ------------------------------------------------------------------

    /**
     * Called by the test itself, not from {@code @BeforeAll}: a missing binary then shows in the report as a
     * skipped test with its reason.
     */
    private void startPrometheus() throws IOException {
        Path binary = prometheusBinary();
        metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metrics.createContext("/metrics", exchange -> {
            byte[] body = ("""
                    # HELP test_requests_total Requests the test pretends to serve.
                    # TYPE test_requests_total counter
                    test_requests_total{code="200"} %d
                    test_requests_total{code="500"} %d
                    """.formatted(ok.get(), failed.get())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();

        Path dir = Path.of("target", "prometheus-it", run).toAbsolutePath();
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: klaxon-test
                    scrape_interval: 1s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metrics.getAddress().getPort()), StandardCharsets.UTF_8);
        log = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        awaitQuery("sum(test_requests_total)", 1000);
    }

    /** Waits until Prometheus answers the query with {@code expected} (so it has scraped those values). */
    private void awaitQuery(String query, double expected) {
        await("Prometheus to answer " + query + " with " + expected)
                .atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(prometheus.isAlive()).as("prometheus is running").isTrue();
                    var response = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PROMETHEUS_PORT
                                            + "/api/v1/query?query="
                                            + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode result =
                            JSON.readTree(response.body()).path("data").path("result");
                    assertThat(result.size()).isEqualTo(1);
                    assertThat(Double.parseDouble(
                                    result.get(0).path("value").get(1).asString()))
                            .isEqualTo(expected);
                });
    }

    private void stopPrometheus() throws InterruptedException {
        if (prometheus != null && prometheus.isAlive()) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path prometheusBinary() {
        String fromEnv = System.getenv("PROMETHEUS_BIN");
        Path binary = Path.of(fromEnv == null || fromEnv.isBlank() ? "/usr/bin/prometheus" : fromEnv);
        if (!Files.isExecutable(binary)) {
            String why = "Prometheus not found at " + binary
                    + " (set PROMETHEUS_BIN or install Debian's prometheus: .ci/install-tools.sh)";
            if ("true".equalsIgnoreCase(System.getenv("KLAXON_REQUIRE_EXTERNAL_TOOLS"))) {
                fail(why + "; KLAXON_REQUIRE_EXTERNAL_TOOLS=true");
            }
            Assumptions.abort(why);
        }
        return binary;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
