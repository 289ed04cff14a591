package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KlaxonIntegrationTest
class InternalSignalsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    InternalSignals signals;

    @Test
    void anInternalSignalOpensFoldsAndResolvesLikeAnAlertFromOutside() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("internal");
        var breach = new InternalSignals.Signal(
                service,
                "slo:checkout:fast-burn",
                "Checkout availability SLO burning fast",
                "critical",
                "SLO engine",
                Map.of("slo.id", "checkout"),
                "SLO engine");

        UUID incident = signals.trigger(breach).orElseThrow();
        assertThat(signals.trigger(breach)).contains(incident);

        var alerts = admin.get("/api/v1/incidents/" + incident + "/alerts")
                .expect(200)
                .json();
        assertThat(alerts.size()).isEqualTo(1);
        assertThat(alerts.get(0).get("eventCount").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/v1/incidents/" + incident)
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Checkout availability SLO burning fast");

        signals.resolve(service, "slo:checkout:fast-burn", "SLO engine");

        assertThat(admin.get("/api/v1/incidents/" + incident)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RESOLVED");
    }

    @Test
    void aSendersPriorityIsWrittenWithTheNewIncidentOrNotedWhenUndefined() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("preset-priority");

        UUID defined = signals.trigger(signal(service, "defined", "P1")).orElseThrow();
        var incident = admin.get("/api/v1/incidents/" + defined).expect(200).json();
        assertThat(incident.get("priority").asString()).isEqualTo("P1");
        assertThat(values(incident.get("processSteps"), "step"))
                .containsExactly("IDENTIFICATION", "LOGGING", "CATEGORIZATION", "PRIORITIZATION");
        var timeline = admin.get("/api/v1/incidents/" + defined + "/timeline").json();
        assertThat(values(timeline, "kind"))
                .containsExactly("incidents.alert_received", "incidents.opened", "incidents.priority_changed");
        assertThat(timeline.get(2).get("message").asString()).isEqualTo("Priority P1: burning fast");

        UUID undefined = signals.trigger(signal(service, "undefined", "P9")).orElseThrow();
        incident = admin.get("/api/v1/incidents/" + undefined).expect(200).json();
        assertThat(incident.get("priority").isNull()).isTrue();
        assertThat(values(incident.get("processSteps"), "step"))
                .containsExactly("IDENTIFICATION", "LOGGING", "CATEGORIZATION");
        timeline = admin.get("/api/v1/incidents/" + undefined + "/timeline").json();
        assertThat(values(timeline, "kind"))
                .containsExactly("incidents.alert_received", "incidents.opened", "incidents.note");
        assertThat(timeline.get(2).get("message").asString()).contains("'P9'").contains("does not define");
    }

    private static InternalSignals.Signal signal(UUID service, String key, String priority) {
        return new InternalSignals.Signal(
                service,
                key,
                "Burning " + key,
                "critical",
                "SLO engine",
                Map.of(),
                "SLO engine",
                priority,
                "burning fast");
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asString()));
        return values;
    }
}
