package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KlaxonIntegrationTest
class SloEngineIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    SloEvaluations evaluations;

    @Autowired
    Slos slos;

    @Autowired
    dev.klaxon.slo.internal.Housekeeping housekeeping;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aBurstOfErrorsOpensOneIncidentTheSnoozeHoldsAndRecoveryResolvesIt() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-e2e");
        String sloId = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Availability of get data API","sliKind":"availability",
                         "objective":99.7,"window":"P28D","priority":"P2",
                         "alerting":{"evaluateEvery":"PT5M","snooze":"PT120M","conditions":[
                           {"name":"depletion","kind":"depletion","depletionPercent":200,"window":"PT60M"}]}}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();

        // Three hours of healthy traffic: 0.1 % errors against 0.3 % allowed.
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(180));
        push(admin, sloId, start, 180, 999);
        clock.advance(Duration.ofMinutes(5));
        evaluations.evaluateDue();
        var healthy = admin.get("/api/v1/slos/" + sloId).expect(200).json();
        assertThat(healthy.get("state").asString()).isEqualTo("OK");
        assertThat(healthy.get("errorBudget").get("consumed").asDouble()).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(slos.breaches(UUID.fromString(sloId), 10)).isEmpty();

        // A burst: 10 minutes at 5 % errors. Over the last 60 minutes that is a burn rate of about 3 (> 200 %).
        Instant burst = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        push(admin, sloId, burst, 10, 950);
        clock.advance(Duration.ofMinutes(5));
        evaluations.evaluateDue();

        List<SloBreachView> breaches = slos.breaches(UUID.fromString(sloId), 10);
        assertThat(breaches).hasSize(1);
        var breach = breaches.get(0);
        assertThat(breach.condition()).isEqualTo("depletion");
        assertThat(breach.priority()).isEqualTo("P2");
        assertThat(breach.priorityReason()).contains("SLO 'Availability of get data API'");
        assertThat(breach.incidentId()).isNotNull();
        UUID incident = breach.incidentId();
        var incidents =
                admin.get("/api/v1/incidents?serviceId=" + service).expect(200).json();
        assertThat(incidents.get("items").size()).isEqualTo(1);
        assertThat(incidents.get("items").get(0).get("priority").asString()).isEqualTo("P2");
        assertThat(admin.get("/api/v1/incidents/" + incident + "/timeline").body())
                .contains("P2 by SLO 'Availability of get data API'");
        assertThat(alertEvents(admin, incident)).isEqualTo(1);
        var breaching = admin.get("/api/v1/slos/" + sloId).json();
        assertThat(breaching.get("conditions").get(0).get("firing").asBoolean()).isTrue();
        assertThat(breaching.get("state").asString()).isEqualTo("BREACHING");

        // The pages: the list with its traffic light, the SLO with its charts and incident, the incident's section.
        var list = admin.get("/slos?serviceId=" + service, "text/html").expect(200);
        assertThat(list.body()).contains("Availability of get data API", "light BREACHING", "99.7 %");
        var detail = admin.get("/slos/" + sloId, "text/html").expect(200);
        assertThat(detail.body()).contains("<svg class=\"chart\"", "<polyline", "id=\"breaches\"", "P2");
        var section = admin.get("/incidents/" + incident + "/slo", "text/html").expect(200);
        assertThat(section.body()).contains("Availability of get data API", "depletion", "Budget left now");

        // Still burning for the next hour: the snooze (120 minutes) holds, nothing more is raised.
        for (int i = 0; i < 12; i++) {
            push(admin, sloId, clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5)), 5, 950);
            clock.advance(Duration.ofMinutes(5));
            evaluations.evaluateDue();
        }
        assertThat(alertEvents(admin, incident)).isEqualTo(1);
        assertThat(slos.breaches(UUID.fromString(sloId), 10)).hasSize(1);

        // Healthy again for an hour: the condition clears, the signal resolves, the incident resolves.
        clock.advance(Duration.ofMinutes(65));
        push(admin, sloId, clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(65)), 65, 1000);
        evaluations.evaluateDue();
        assertThat(admin.get("/api/v1/incidents/" + incident)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RESOLVED");
        assertThat(slos.breaches(UUID.fromString(sloId), 10).get(0).endedAt()).isNotNull();
        assertThat(admin.get("/api/v1/incidents?serviceId=" + service)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void theErrorBudgetAndBurnRatesAreReportedAsFractions() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-budget");
        String sloId = create(admin, service, "Budget", "99.7", "\"priority\":null");
        Instant t = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        // 100,000 events, 150 bad: 300 allowed → half of the budget used.
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"events":[{"timestamp":"%s","good":49950,"total":50000},
                                   {"timestamp":"%s","bad":100,"total":50000}]}""".formatted(t, t.plusSeconds(60)))
                .expect(200);
        JsonNode slo = admin.get("/api/v1/slos/" + sloId).expect(200).json();
        assertThat(slo.get("priority").isNull()).isTrue();
        assertThat(slo.get("errorBudget").get("consumed").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(slo.get("errorBudget").get("remaining").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(slo.get("errorBudget").get("total").asDouble()).isCloseTo(300, within(1e-6));
        assertThat(slo.get("sli").asDouble()).isCloseTo(0.9985, within(1e-12));
        assertThat(slo.get("burnRates").get("PT1H").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(slo.get("burnRates").has("PT5M")).isTrue();
        assertThat(slo.get("burnRates").get("PT5M").isNull()).isTrue();
        assertThat(slo.get("alerting").get("conditions").size()).isEqualTo(3);

        // Pushing the same batch again replaces it: nothing is counted twice.
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"events":[{"timestamp":"%s","good":49950,"total":50000}]}""".formatted(t)).expect(200);
        assertThat(admin.get("/api/v1/slos/" + sloId)
                        .json()
                        .get("errorBudget")
                        .get("consumed")
                        .asDouble())
                .isCloseTo(0.5, within(1e-9));
        // Another source adds to the same minute.
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"source":"replica-2","events":[{"timestamp":"%s","good":100000,"total":100000}]}""".formatted(t)).expect(200);
        assertThat(admin.get("/api/v1/slos/" + sloId)
                        .json()
                        .get("errorBudget")
                        .get("consumed")
                        .asDouble())
                .isCloseTo(0.25, within(1e-9));
    }

    @Test
    void anSloWithoutTrafficHasItsWholeBudget() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-empty");
        String sloId = create(admin, service, "Empty", "99.9", "\"priority\":\"P3\"");
        var slo = admin.post("/api/v1/slos/" + sloId + "/evaluate", "")
                .expect(200)
                .json();
        assertThat(slo.get("state").asString()).isEqualTo("NO_DATA");
        assertThat(slo.get("errorBudget").get("remaining").asDouble()).isEqualTo(1.0);
        assertThat(slo.get("sli").isNull()).isTrue();
        assertThat(slo.get("priority").asString()).isEqualTo("P3");
    }

    @Test
    void invalidSlosAreRefusedFieldByField() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-invalid");
        for (String objective : List.of("100", "0", "-1", "100.5")) {
            var problem = admin.post("/api/v1/slos", """
                            {"serviceId":"%s","name":"x","objective":%s,"window":"P28D"}""".formatted(service, objective))
                    .expect(400)
                    .json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("objective");
        }
        var problem =
                admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"","objective":99,"window":"P90D","priority":"P9",
                         "alerting":{"conditions":[{"name":"Bad Name","kind":"burnRate","burnRate":0,
                           "longWindow":"PT5M","shortWindow":"PT1H"}]}}""".formatted(service)).expect(400).json();
        assertThat(problem.get("errors").toString())
                .contains("\"name\"", "\"window\"", "alerting.conditions[0].name", "alerting.conditions[0].burnRate");
        admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"ok","objective":99,"window":"P28D","priority":"P9"}""".formatted(service)).expect(400);
        admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"ok","objective":99,"window":"P28D"}""".formatted(UUID.randomUUID())).expect(400);
        String sloId = create(admin, service, "Events", "99", "\"priority\":null");
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"events":[{"timestamp":"%s","good":11,"total":10}]}""".formatted(clock.instant()))
                .expect(400);
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"events":[{"timestamp":"%s","good":1,"total":10}]}""".formatted(
                                clock.instant().minus(Duration.ofDays(30))))
                .expect(400);
        admin.post("/api/v1/slos/" + sloId + "/events", "{\"events\":[]}").expect(400);
        admin.get("/api/v1/slos/" + UUID.randomUUID()).expect(404);
    }

    @Test
    void anSloIsUpdatedAndDeletedAndItsPriorityKeepsAHistory() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-crud");
        String sloId = create(admin, service, "Crud", "99.5", "\"priority\":\"P3\"");
        clock.advance(Duration.ofSeconds(1));
        var updated = admin.put("/api/v1/slos/" + sloId, """
                        {"name":"Crud renamed","objective":99.9,"window":"month","priority":"P1",
                         "stakeholderGroups":["support"]}""").expect(200).json();
        assertThat(updated.get("name").asString()).isEqualTo("Crud renamed");
        assertThat(updated.get("window").asString()).isEqualTo("month");
        assertThat(updated.get("priority").asString()).isEqualTo("P1");
        assertThat(admin.get("/api/v1/slos/" + sloId + "/priority/history")
                        .json()
                        .size())
                .isEqualTo(2);
        assertThat(admin.get("/api/v1/slos?serviceId=" + service).json().size()).isEqualTo(1);
        admin.delete("/api/v1/slos/" + sloId).expect(204);
        admin.get("/api/v1/slos/" + sloId).expect(404);
    }

    @Test
    void oldMinuteBucketsGoWhileTheirHoursAndDaysKeepTheBudget() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-rollup");
        String sloId = create(admin, service, "Rollup", "99", "\"priority\":null");
        // 90 minutes of data, 46 hours old, from two sources.
        Instant from = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(46));
        push(admin, sloId, from, 90, 995);
        admin.post("/api/v1/slos/" + sloId + "/events", """
                        {"source":"other","events":[{"timestamp":"%s","bad":10,"total":100}]}""".formatted(from.plus(Duration.ofMinutes(61))))
                .expect(200);
        double before = admin.get("/api/v1/slos/" + sloId)
                .json()
                .get("errorBudget")
                .get("consumed")
                .asDouble();
        assertThat(before).isCloseTo((90 * 5 + 10) / (0.01 * 90_100), within(1e-9));

        clock.advance(Duration.ofHours(29));
        housekeeping.run(clock.instant());
        long days = from.truncatedTo(ChronoUnit.DAYS)
                        .equals(from.plus(Duration.ofMinutes(89)).truncatedTo(ChronoUnit.DAYS))
                ? 1
                : 2;

        assertThat(jdbc.sql("SELECT resolution_seconds, COUNT(*) FROM slo_buckets WHERE slo_id = ? "
                                + "GROUP BY resolution_seconds")
                        .param(UUID.fromString(sloId))
                        .query((rs, n) -> rs.getInt(1) + ":" + rs.getInt(2))
                        .list())
                .containsExactlyInAnyOrder("3600:2", "86400:" + days);
        assertThat(admin.get("/api/v1/slos/" + sloId)
                        .json()
                        .get("errorBudget")
                        .get("consumed")
                        .asDouble())
                .isCloseTo(before, within(1e-9));
        // Running it again changes nothing.
        housekeeping.run(clock.instant());
        assertThat(admin.get("/api/v1/slos/" + sloId)
                        .json()
                        .get("errorBudget")
                        .get("consumed")
                        .asDouble())
                .isCloseTo(before, within(1e-9));
        admin.get("/slos/" + sloId, "text/html").expect(200);
    }

    @Test
    void anSloTravelsAsOpenSlo() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-openslo");
        String sloId = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Notifications arrive with delay","sliKind":"latency",
                         "description":"95th percentile under 2 s","objective":99.5,"window":"P30D","priority":"P3"}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();
        var yaml = admin.get("/api/v1/slos/" + sloId + "/openslo", "application/yaml")
                .expect(200);
        assertThat(yaml.body())
                .contains("apiVersion: openslo/v1", "kind: SLO", "target: 0.995", "duration: 30d", "isRolling: true")
                .contains("budgetingMethod: Occurrences", "klaxon.dev/priority: P3");

        UUID other = admin.createService("slo-openslo-import");
        var imported = admin.post(
                        "/api/v1/slos/openslo?serviceId=" + other,
                        yaml.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/yaml")
                .expect(201)
                .json();
        assertThat(imported.get("name").asString()).isEqualTo("Notifications arrive with delay");
        assertThat(imported.get("objective").asDouble()).isCloseTo(99.5, within(1e-9));
        assertThat(imported.get("window").asString()).isEqualTo("P30D");
        assertThat(imported.get("priority").asString()).isEqualTo("P3");
        assertThat(imported.get("sliKind").asString()).isEqualTo("latency");
        assertThat(imported.get("description").asString()).isEqualTo("95th percentile under 2 s");

        admin.post(
                        "/api/v1/slos/openslo?serviceId=" + other,
                        "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec: {budgetingMethod: Timeslices}\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/yaml")
                .expect(400);
    }

    private static String create(Api admin, UUID service, String name, String objective, String priority) {
        return admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"%s","objective":%s,"window":"P28D",%s}""".formatted(service, name, objective, priority))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** One event count per minute from {@code from}: {@code good} of 1,000. */
    private static void push(Api admin, String sloId, Instant from, int minutes, int good) {
        var events = new StringBuilder();
        for (int i = 0; i < minutes; i++) {
            if (i > 0) {
                events.append(',');
            }
            events.append("{\"timestamp\":\"")
                    .append(from.plus(Duration.ofMinutes(i)))
                    .append("\",\"good\":")
                    .append(good)
                    .append(",\"total\":1000}");
        }
        admin.post("/api/v1/slos/" + sloId + "/events", "{\"events\":[" + events + "]}")
                .expect(200);
    }

    private static int alertEvents(Api admin, UUID incident) {
        var alerts = admin.get("/api/v1/incidents/" + incident + "/alerts")
                .expect(200)
                .json();
        assertThat(alerts.size()).isEqualTo(1);
        return alerts.get(0).get("eventCount").asInt();
    }
}
