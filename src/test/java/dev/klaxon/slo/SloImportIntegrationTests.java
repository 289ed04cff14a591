package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/slos/import} (OpenSLO and Sloth), the exports, and the PromQL fields of the SLO API. */
@KlaxonIntegrationTest
class SloImportIntegrationTests {

    /** The fields that make up an SLO's definition (what a round trip must keep). */
    private static final List<String> SPEC_FIELDS = List.of(
            "name",
            "description",
            "sliKind",
            "sliRatio",
            "objective",
            "window",
            "priority",
            "stakeholderGroups",
            "alerting",
            "goodQuery",
            "badQuery",
            "totalQuery");

    @LocalServerPort
    int port;

    @Test
    void aSlothSpecCreatesSlosInTheServiceItNamesAndSaysWhatItIgnored() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-sloth");
        String serviceName = admin.get("/api/v1/services/" + service)
                .expect(200)
                .json()
                .get("name")
                .asString();

        var result =
                importYaml(admin, "", """
                        # Checkout: written for Sloth, imported into Klaxon
                        version: "prometheus/v1"
                        service: "%s"
                        labels: {owner: payments-team}
                        slos:
                          - name: "payments-availability"
                            objective: 99.95
                            description: "Payment API answers without a server error."
                            sli:
                              events:
                                error_query: sum(rate(http_requests_total{job="payments",code=~"(5..|429)"}[{{.window}}]))
                                total_query: sum(rate(http_requests_total{job="payments"}[{{.window}}]))
                            alerting:
                              name: PaymentsHighErrorRate
                              labels: {category: availability}
                              page_alert: {labels: {severity: critical}}
                              ticket_alert: {disable: true}
                          - name: "cart-satisfaction"
                            objective: 99
                            sli:
                              raw:
                                error_ratio_query: 1 - avg_over_time(cart_apdex[{{.window}}])
                            alerting: {name: CartSatisfaction}
                        """.formatted(serviceName)).expect(201).json();

        assertThat(result.get("formats").get(0).asString()).isEqualTo("sloth");
        JsonNode created = result.get("created");
        assertThat(created.size()).isEqualTo(2);
        JsonNode payments = created.get(0);
        assertThat(payments.get("serviceId").asString()).isEqualTo(service.toString());
        assertThat(payments.get("name").asString()).isEqualTo("payments-availability");
        assertThat(payments.get("objective").asDouble()).isEqualTo(99.95);
        assertThat(payments.get("window").asString()).isEqualTo("P30D");
        assertThat(payments.get("badQuery").asString())
                .isEqualTo("sum(rate(http_requests_total{job=\"payments\",code=~\"(5..|429)\"}[{{.window}}]))");
        assertThat(payments.get("goodQuery").isNull()).isTrue();
        assertThat(names(payments.get("alerting").get("conditions"))).containsExactly("fast-burn", "slow-burn");
        // No Prometheus is configured in this context: the SLO says so instead of staying silently empty.
        assertThat(payments.get("pull").get("state").asString()).isEqualTo("DISABLED");
        assertThat(payments.get("pull").get("message").asString()).contains("klaxon.slo.prometheus.base-url");
        JsonNode cart = created.get(1);
        assertThat(cart.get("totalQuery").isNull()).isTrue();
        assertThat(cart.get("pull").isNull()).isTrue();
        assertThat(paths(result.get("ignored")))
                .containsExactlyInAnyOrder(
                        "labels",
                        "slos[0].alerting.name",
                        "slos[0].alerting.labels",
                        "slos[0].alerting.page_alert.labels",
                        "slos[1].sli.raw",
                        "slos[1].alerting.name");

        var page = admin.get("/slos/" + payments.get("id").asString(), "text/html")
                .expect(200)
                .body();
        assertThat(page).contains("No Prometheus configured", "http_requests_total{job=&quot;payments&quot;");
    }

    @Test
    void slothExportImportsBackIntoTheSameSlos() {
        var admin = Api.asAdmin(port);
        UUID source = admin.createService("slo-sloth-export");
        admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Checkout availability","description":"No 5xx at checkout",
                         "objective":99.9,"window":"P28D","priority":"P2","stakeholderGroups":["support"],
                         "badQuery":"sum(rate(http_requests_total{handler=\\"/checkout\\",code=~\\"5..\\"}[{{.window}}]))",
                         "totalQuery":"sum(rate(http_requests_total{handler=\\"/checkout\\"}[{{.window}}]))"}""".formatted(source)).expect(201);
        admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Search latency","sliKind":"latency","objective":99,"window":"month",
                         "goodQuery":"sum(search_duration_seconds_bucket{le=\\"0.3\\"})",
                         "totalQuery":"sum(search_duration_seconds_count)",
                         "alerting":{"evaluateEvery":"PT5M","snooze":"PT60M","conditions":[
                           {"name":"depletion","depletionPercent":200,"window":"PT60M"}]}}""".formatted(source)).expect(201);
        admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Pushed freshness","sliKind":"freshness","objective":95,"window":"P7D",
                         "alerting":{"conditions":[{"name":"fast-burn","burnRate":14.4,"longWindow":"PT1H","shortWindow":"PT5M"},
                           {"name":"slow-burn","burnRate":6,"longWindow":"PT6H","shortWindow":"PT30M"}]}}""".formatted(source)).expect(201);

        for (String format : List.of("sloth", "openslo")) {
            var exported = admin.get(
                            "/api/v1/slos/export?format=" + format + "&serviceId=" + source, "application/yaml")
                    .expect(200);
            assertThat(exported.contentType()).startsWith("application/yaml");
            UUID target = admin.createService("slo-" + format + "-import");
            var result = importYaml(admin, "?serviceId=" + target, exported.body())
                    .expect(201)
                    .json();
            assertThat(result.get("created").size()).as(format).isEqualTo(3);
            assertThat(specs(admin, target)).as(format).isEqualTo(specs(admin, source));
        }
        var one =
                admin.get("/api/v1/slos?serviceId=" + source).expect(200).json().get(0);
        assertThat(admin.get("/api/v1/slos/" + one.get("id").asString() + "/sloth", "application/yaml")
                        .expect(200)
                        .body())
                .contains(
                        "version: prometheus/v1",
                        "klaxon_name: " + one.get("name").asString());
    }

    @Test
    void theSlothProjectsPublishedExamplesImport() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-sloth-examples");
        for (String example : List.of(
                "kubernetes-apiserver.yml", "k8s-home-wifi.yml", "raw-home-wifi.yml", "plugin-getting-started.yml")) {
            UUID target = admin.createService("slo-sloth-example");
            var result = importYaml(admin, "?serviceId=" + target, resource("sloth/" + example))
                    .expect(201)
                    .json();
            assertThat(result.get("created").size()).as(example).isPositive();
        }
        // Both documents of multifile.yml name their SLO "requests-availability": in one service that is a
        // conflict, and the import changes nothing.
        importYaml(admin, "?serviceId=" + service, resource("sloth/multifile.yml"))
                .expect(409);
        assertThat(admin.get("/api/v1/slos?serviceId=" + service)
                        .expect(200)
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void aRejectedImportChangesNothingAndNamesTheField() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-import-invalid");
        var invalid =
                importYaml(admin, "?serviceId=" + service, """
                        version: prometheus/v1
                        service: whatever
                        slos:
                          - name: fine
                            objective: 99
                            sli: {events: {error_query: 'sum(x_total{code="500"})', total_query: sum(x_total)}}
                          - name: no-budget
                            objective: 100
                            sli: {events: {error_query: 'sum(x_total{code="500"})', total_query: sum(x_total)}}
                        """).expect(400).json();
        assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("slos[1].objective");
        assertThat(admin.get("/api/v1/slos?serviceId=" + service)
                        .expect(200)
                        .json()
                        .size())
                .isZero();

        var unknown = importYaml(admin, "", """
                        apiVersion: openslo/v1
                        kind: SLO
                        metadata: {name: x}
                        spec:
                          service: no-such-service-%s
                          budgetingMethod: Occurrences
                          timeWindow: [{duration: 28d, isRolling: true}]
                          objectives: [{target: 0.99}]
                        """.formatted(UUID.randomUUID()))
                .expect(400)
                .json();
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("spec.service");
        assertThat(unknown.get("errors").get(0).get("message").asString()).contains("no Klaxon service is named");
    }

    @Test
    void promQlQueriesAreCheckedGoodOrBadTogetherWithTotal() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-queries");
        String base = "{\"serviceId\":\"" + service + "\",\"name\":\"q\",\"objective\":99,\"window\":\"P28D\",";

        var noTotal = admin.post("/api/v1/slos", base + "\"badQuery\":\"sum(x)\"}")
                .expect(400)
                .json();
        assertThat(noTotal.get("errors").get(0).get("field").asString()).isEqualTo("totalQuery");
        var both = admin.post(
                        "/api/v1/slos",
                        base + "\"goodQuery\":\"sum(a)\",\"badQuery\":\"sum(b)\",\"totalQuery\":\"sum(c)\"}")
                .expect(400)
                .json();
        assertThat(both.get("errors").get(0).get("field").asString()).isEqualTo("badQuery");
        var tooLong = admin.post(
                        "/api/v1/slos", base + "\"goodQuery\":\"" + "x".repeat(2001) + "\",\"totalQuery\":\"sum(c)\"}")
                .expect(400)
                .json();
        assertThat(tooLong.get("errors").get(0).get("field").asString()).isEqualTo("goodQuery");
        assertThat(admin.get("/api/v1/slos?serviceId=" + service)
                        .expect(200)
                        .json()
                        .size())
                .isZero();

        String id = admin.post("/api/v1/slos", base + "\"goodQuery\":\"sum(a)\",\"totalQuery\":\"sum(c)\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        var reserved = admin.post(
                        "/api/v1/slos/" + id + "/events",
                        "{\"source\":\"prometheus\",\"events\":[{\"timestamp\":\"2026-11-23T08:59:00Z\",\"good\":1,\"total\":1}]}")
                .expect(400)
                .json();
        assertThat(reserved.get("errors").get(0).get("field").asString()).isEqualTo("source");
        var updated = admin.put("/api/v1/slos/" + id, base + "\"goodQuery\":\"\",\"totalQuery\":null}")
                .expect(200)
                .json();
        assertThat(updated.get("goodQuery").isNull()).isTrue();
        assertThat(updated.get("pull").isNull()).as("pushed again").isTrue();
    }

    private static Api.Response importYaml(Api admin, String query, String yaml) {
        return admin.post("/api/v1/slos/import" + query, yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");
    }

    private static List<JsonNode> specs(Api admin, UUID service) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode slo :
                admin.get("/api/v1/slos?serviceId=" + service).expect(200).json()) {
            ObjectNode spec = ((ObjectNode) slo).objectNode();
            SPEC_FIELDS.forEach(f -> spec.set(f, slo.get(f)));
            out.add(spec);
        }
        out.sort(Comparator.comparing(s -> s.get("name").asString()));
        return out;
    }

    private static List<String> names(JsonNode conditions) {
        List<String> out = new ArrayList<>();
        conditions.forEach(c -> out.add(c.get("name").asString()));
        return out;
    }

    private static List<String> paths(JsonNode ignored) {
        List<String> out = new ArrayList<>();
        ignored.forEach(i -> out.add(i.get("path").asString()));
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = SloImportIntegrationTests.class.getResourceAsStream("/slo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
