package dev.klaxon.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KlaxonIntegrationTest
class SloBreachPriorityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Slos slos;

    @Test
    void multiWindowConditionsBreachWithTheFallbackOrTheirOwnPriority() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("slo-mwmb");
        String sloId = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Checkout","objective":99.9,"window":"P30D","priority":null,
                         "alerting":{"conditions":[
                           {"name":"fast-burn","burnRate":14.4,"longWindow":"PT1H","shortWindow":"PT5M"},
                           {"name":"budget-burn","burnRate":1,"longWindow":"P3D","shortWindow":"PT6H",
                            "action":"ticket","priority":"P4"}]}}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();

        // One hour at 2 % errors: burn rate 20 over every window.
        Instant from = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(60));
        var events = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"timestamp\":\"")
                    .append(from.plus(Duration.ofMinutes(i)))
                    .append("\",\"good\":980,\"total\":1000}");
        }
        admin.post("/api/v1/slos/" + sloId + "/events", "{\"events\":[" + events + "]}")
                .expect(200);
        var status = admin.post("/api/v1/slos/" + sloId + "/evaluate", "")
                .expect(200)
                .json();
        assertThat(status.get("burnRates").get("PT1H").asDouble())
                .isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(status.get("state").asString()).isEqualTo("BREACHING");

        var breaches = slos.breaches(UUID.fromString(sloId), 10);
        assertThat(breaches).extracting(SloBreachView::condition).containsExactlyInAnyOrder("fast-burn", "budget-burn");
        var fast = breaches.stream()
                .filter(b -> b.condition().equals("fast-burn"))
                .findFirst()
                .orElseThrow();
        var ticket = breaches.stream()
                .filter(b -> b.condition().equals("budget-burn"))
                .findFirst()
                .orElseThrow();
        assertThat(fast.priority()).isNotNull();
        assertThat(fast.priorityReason()).contains("Checkout").doesNotContain("by condition");
        assertThat(ticket.priority()).isEqualTo("P4");
        assertThat(ticket.priorityReason()).contains("by condition 'budget-burn'");
        assertThat(fast.incidentId()).isNotNull().isNotEqualTo(ticket.incidentId());
        var alert = admin.get("/api/v1/incidents/" + fast.incidentId() + "/alerts")
                .json()
                .get(0);
        assertThat(alert.get("dedupKey").asString()).isEqualTo("slo:" + sloId + ":fast-burn");
        assertThat(alert.get("severity").asString()).isEqualTo("critical");

        // Evaluating again while still breaching raises nothing new (the snooze).
        admin.post("/api/v1/slos/" + sloId + "/evaluate", "").expect(200);
        assertThat(slos.breaches(UUID.fromString(sloId), 10)).hasSize(2);

        // Deleting the SLO resolves what it raised; its breaches stay as history.
        admin.delete("/api/v1/slos/" + sloId).expect(204);
        assertThat(admin.get("/api/v1/incidents/" + fast.incidentId())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RESOLVED");
        assertThat(slos.breachesOfIncident(fast.incidentId())).hasSize(1);
    }
}
