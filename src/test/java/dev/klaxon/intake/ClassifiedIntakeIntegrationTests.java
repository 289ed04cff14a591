package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Alert rules applied to real events arriving over the Events API and the Alertmanager webhook. */
@KlaxonIntegrationTest
class ClassifiedIntakeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    UUID service;
    String eventsKey;
    String alertmanagerKey;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
        service = admin.createService("classified");
        eventsKey = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
        alertmanagerKey = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"alertmanager\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
    }

    @Test
    void theMatchingRuleGivesTheIncidentItsPriorityAndTheTimelineSaysWhich() {
        rule(
                "{\"name\":\"critical checkout\",\"conditions\":[{\"field\":\"payload.severity\",\"op\":\"equals\",\"value\":\"critical\"},"
                        + "{\"field\":\"custom_details.journey\",\"op\":\"equals\",\"value\":\"checkout\"}],\"priority\":\"P1\"}");

        trigger("k1", "critical", "{\"journey\":\"checkout\"}");
        trigger("k2", "critical", "{\"journey\":\"search\"}");

        var incidents = incidents();
        assertThat(priorityOf(incidents, "k1")).isEqualTo("P1");
        assertThat(priorityOf(incidents, "k2")).isEqualTo("P4");
        String p1 = idOf(incidents, "k1");
        assertThat(admin.get("/api/v1/incidents/" + p1 + "/timeline").body())
                .contains("P1 by rule 'critical checkout'");
    }

    @Test
    void aNoIncidentRuleRecordsTheAlertAndOpensNothing() {
        rule(
                "{\"name\":\"info is noise\",\"conditions\":[{\"field\":\"payload.severity\",\"op\":\"equals\",\"value\":\"info\"}],\"priority\":null}");

        trigger("noise", "info", null);
        trigger("noise", "info", null);

        assertThat(incidents().size()).isZero();
        var recorded = admin.get("/api/v1/services/" + service + "/recorded-alerts")
                .expect(200)
                .json();
        assertThat(recorded.size()).isEqualTo(1);
        assertThat(recorded.get(0).get("eventCount").asInt()).isEqualTo(2);
        assertThat(admin.get("/services/" + service + "/changes", "text/html").body())
                .contains("Alerts recorded without an incident", "noise broke");
        assertThat(jdbc.sql("SELECT event_count FROM intake_alerts WHERE service_id = ? AND dedup_key = 'noise'")
                        .param(service)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        admin.post("/v2/enqueue", event("noise", "resolve", null, null)).expect(202);
        assertThat(jdbc.sql("SELECT status FROM intake_alerts WHERE service_id = ? AND dedup_key = 'noise'")
                        .param(service)
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED");
    }

    @Test
    void alertmanagerLabelsDriveRulesAndABreakageMoreThanThreeTimesAnHourIsP2() {
        rule(
                "{\"name\":\"checkout down\",\"conditions\":[{\"field\":\"labels.alertname\",\"op\":\"equals\",\"value\":\"CheckoutDown\"}],"
                        + "\"priority\":\"P4\",\"frequency\":[{\"moreThan\":3,\"within\":\"PT1H\",\"priority\":\"P2\"}]}");

        List<String> priorities = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String fingerprint = "f" + i + UUID.randomUUID().toString().substring(0, 6);
            notifyAlertmanager(fingerprint, "firing");
            notifyAlertmanager(fingerprint, "resolved");
            priorities.add(priorityOf(incidents(), fingerprint));
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(priorities).containsExactly("P4", "P4", "P4", "P2");
    }

    @Test
    void aRepeatAfterARuleChangeEscalatesTheOpenIncident() {
        trigger("db", "critical", null);
        assertThat(priorityOf(incidents(), "db")).isEqualTo("P4");

        rule(
                "{\"name\":\"critical pages\",\"conditions\":[{\"field\":\"payload.severity\",\"op\":\"equals\",\"value\":\"critical\"}],\"priority\":\"P1\"}");
        trigger("db", "critical", null);

        var incidents = incidents();
        assertThat(incidents.size()).isEqualTo(1);
        assertThat(priorityOf(incidents, "db")).isEqualTo("P1");
        assertThat(admin.get("/api/v1/incidents/" + idOf(incidents, "db") + "/timeline")
                        .body())
                .contains("P1 by rule 'critical pages'");
    }

    private void rule(String json) {
        admin.post("/api/v1/services/" + service + "/alert-rules", json).expect(201);
    }

    private void trigger(String dedupKey, String severity, String customDetails) {
        admin.post("/v2/enqueue", event(dedupKey, "trigger", severity, customDetails))
                .expect(202);
    }

    private String event(String dedupKey, String action, String severity, String customDetails) {
        String payload = severity == null
                ? ""
                : ",\"payload\":{\"summary\":\"" + dedupKey + " broke\",\"source\":\"test\",\"severity\":\"" + severity
                        + "\"" + (customDetails == null ? "" : ",\"custom_details\":" + customDetails) + "}";
        return "{\"routing_key\":\"" + eventsKey + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedupKey
                + "\"" + payload + "}";
    }

    private void notifyAlertmanager(String fingerprint, String status) {
        Api.anonymous(port)
                .post("/api/v1/integrations/alertmanager/" + alertmanagerKey, """
                        {"version":"4","groupKey":"{}:{}","status":"%s","receiver":"klaxon","groupLabels":{},"commonLabels":{},
                         "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,
                         "alerts":[{"status":"%s","labels":{"alertname":"CheckoutDown","instance":"%s"},
                           "annotations":{"summary":"%s"},"startsAt":"2026-11-23T09:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                           "generatorURL":"http://prom","fingerprint":"%s"}]}""".formatted(
                                status, status, fingerprint, fingerprint, fingerprint))
                .expect(200);
    }

    private JsonNode incidents() {
        return admin.get("/api/v1/incidents?serviceId=" + service + "&limit=200")
                .expect(200)
                .json()
                .get("items");
    }

    private static String priorityOf(JsonNode incidents, String titleStart) {
        for (JsonNode incident : incidents) {
            if (incident.get("title").asString().startsWith(titleStart)) {
                return incident.get("priority").asString();
            }
        }
        throw new AssertionError("No incident titled " + titleStart + " in " + incidents);
    }

    private static String idOf(JsonNode incidents, String titleStart) {
        for (JsonNode incident : incidents) {
            if (incident.get("title").asString().startsWith(titleStart)) {
                return incident.get("id").asString();
            }
        }
        throw new AssertionError("No incident titled " + titleStart);
    }
}
