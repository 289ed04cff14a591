package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

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
}
