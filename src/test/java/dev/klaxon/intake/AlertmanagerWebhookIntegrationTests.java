package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AlertmanagerWebhookIntegrationTests extends IntakeTestSupport {

    private static final String AM = "alertmanager";

    private static String notification(String status, String alerts) {
        return ("{'version':'4','groupKey':'{}:{alertname=\\'HighLatency\\'}','truncatedAlerts':0,"
                        + "'status':'" + status + "','receiver':'klaxon','groupLabels':{'alertname':'HighLatency'},"
                        + "'commonLabels':{'alertname':'HighLatency','severity':'critical'},'commonAnnotations':{},"
                        + "'externalURL':'http://alertmanager:9093','alerts':[" + alerts + "]}")
                .replace('\'', '"')
                .replace("\\\"", "'");
    }

    private static String alert(String status, String instance, String fingerprint) {
        return "{'status':'" + status + "','labels':{'alertname':'HighLatency','instance':'" + instance + "',"
                + "'severity':'critical','job':'api'},'annotations':{'summary':'p99 latency above 1s on " + instance
                + "','runbook_url':'https://runbooks/latency'},'startsAt':'2026-11-23T10:00:00.123Z',"
                + "'endsAt':'" + ("firing".equals(status) ? "0001-01-01T00:00:00Z" : "2026-11-23T10:30:00Z") + "',"
                + "'generatorURL':'http://prometheus:9090/graph?g0.expr=latency','fingerprint':'" + fingerprint + "'}";
    }

    private Answer send(Fixture f, String body) {
        return postJson("/api/v1/integrations/alertmanager/" + f.key(), body);
    }

    @Test
    void firingAlertsOpenIncidentsAndResolvedOnesResolveThem() {
        var f = fixture(AM);
        double firing = counter(AM, "trigger", "accepted");

        var answer = send(
                f,
                notification(
                        "firing",
                        alert("firing", "api-1", "1a2b3c4d5e6f7a8b") + ","
                                + alert("firing", "api-2", "9f8e7d6c5b4a3f2e")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").stringValue()).isEqualTo("success");
        assertThat(answer.body().get("processed").intValue()).isEqualTo(2);
        assertThat(counter(AM, "trigger", "accepted")).isEqualTo(firing + 2);
        assertThat(alertCount(f)).isEqualTo(2);
        assertThat(incidentCount(f)).isEqualTo(2);

        // Alertmanager re-sends the group: the alerts repeat, no new incidents.
        send(
                f,
                notification(
                        "firing",
                        alert("firing", "api-1", "1a2b3c4d5e6f7a8b") + ","
                                + alert("firing", "api-2", "9f8e7d6c5b4a3f2e")));
        assertThat(incidentCount(f)).isEqualTo(2);

        var resolved = send(
                f,
                notification(
                        "firing",
                        alert("resolved", "api-1", "1a2b3c4d5e6f7a8b") + ","
                                + alert("firing", "api-2", "9f8e7d6c5b4a3f2e")));
        assertThat(resolved.status()).isEqualTo(200);

        JsonNode incidents =
                adminGet("/api/v1/incidents?serviceId=" + f.serviceId()).get("items");
        List<String> statuses = new ArrayList<>();
        incidents.forEach(i -> statuses.add(i.get("status").stringValue()));
        assertThat(statuses).containsExactlyInAnyOrder("RESOLVED", "TRIGGERED");
        for (JsonNode incident : incidents) {
            JsonNode alerts = adminGet("/api/v1/incidents/" + incident.get("id").stringValue() + "/alerts");
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.get("labels").get("alertname").stringValue()).isEqualTo("HighLatency");
            assertThat(alert.get("severity").stringValue()).isEqualTo("critical");
            if (alert.get("dedupKey").stringValue().equals("1a2b3c4d5e6f7a8b")) {
                assertThat(alert.get("status").stringValue()).isEqualTo("RESOLVED");
                assertThat(alert.get("summary").stringValue()).isEqualTo("p99 latency above 1s on api-1");
            } else {
                assertThat(alert.get("status").stringValue()).isEqualTo("TRIGGERED");
                assertThat(alert.get("eventCount").intValue()).isEqualTo(3);
            }
        }
    }

    @Test
    void invalidPayloadsAreProblemDetailsWithFieldErrors() {
        var f = fixture(AM);
        double invalid = counter(AM, "unknown", "invalid");

        var answer = send(f, "{\"version\":\"4\",\"alerts\":[{\"status\":\"burning\",\"labels\":{}}]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("title").stringValue()).isEqualTo("Invalid input");
        List<String> fields = new ArrayList<>();
        answer.body().get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).containsExactly("alerts[0].status", "alerts[0].fingerprint");
        assertThat(counter(AM, "unknown", "invalid")).isEqualTo(invalid + 1);
        assertThat(alertCount(f)).isZero();

        assertThat(send(f, "{not json").status()).isEqualTo(400);
        assertThat(send(f, "[]").status()).isEqualTo(400);
        assertThat(alertCount(f)).isZero();
        assertThat(incidentCount(f)).isZero();
    }

    @Test
    void anUnknownKeyIs404AndADisabledIntegration403() {
        var f = fixture(AM);
        var unknown = postJson(
                "/api/v1/integrations/alertmanager/0123456789abcdef0123456789abcdef", notification("firing", ""));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().toString()).doesNotContain("0123456789abcdef0123456789abcdef");

        var eventsKey = fixture("events-v2");
        assertThat(send(eventsKey, notification("firing", alert("firing", "x", "fp")))
                        .status())
                .isEqualTo(404);

        adminSend("PATCH", "/api/v1/integrations/" + f.integrationId(), Map.of("enabled", false));
        var disabled = send(f, notification("firing", alert("firing", "x", "fp")));
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(alertCount(f)).isZero();
    }
}
