package dev.klaxon.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventsApiIntegrationTests extends IntakeTestSupport {

    private static final String V2 = "events-v2";

    private JsonNode onlyIncident(Fixture f) {
        JsonNode items =
                adminGet("/api/v1/incidents?serviceId=" + f.serviceId()).get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void aTriggerOpensAnIncident() {
        var f = fixture(V2);
        double accepted = counter(V2, "trigger", "accepted");

        var answer = trigger(f, "disk-full-db1", "Disk full on db1");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("status", "message", "dedup_key");
        assertThat(answer.body().get("status").stringValue()).isEqualTo("success");
        assertThat(answer.body().get("message").stringValue()).isEqualTo("Event processed");
        assertThat(answer.body().get("dedup_key").stringValue()).isEqualTo("disk-full-db1");
        assertThat(counter(V2, "trigger", "accepted")).isEqualTo(accepted + 1);
        JsonNode incident = onlyIncident(f);
        assertThat(incident.get("status").stringValue()).isEqualTo("TRIGGERED");
        assertThat(incident.get("title").stringValue()).isEqualTo("Disk full on db1");
        assertThat(incident.get("severityHint").stringValue()).isEqualTo("critical");
        JsonNode alerts = adminGet("/api/v1/incidents/" + incident.get("id").stringValue() + "/alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("dedupKey").stringValue()).isEqualTo("disk-full-db1");
        assertThat(alerts.get(0).get("status").stringValue()).isEqualTo("TRIGGERED");
        assertThat(alerts.get(0).get("eventCount").intValue()).isEqualTo(1);
    }

    @Test
    void intakeAnswersOpenNoSessionAndTellBrowsersNeitherToSniffNorToCache() {
        var f = fixture(V2);
        String valid = "{\"routing_key\":\"" + f.key() + "\",\"event_action\":\"trigger\",\"dedup_key\":\"hdr\","
                + "\"payload\":{\"summary\":\"Headers\",\"source\":\"h\",\"severity\":\"info\"}}";
        for (var body :
                Map.of(202, valid, 400, "{\"routing_key\":\"" + f.key() + "\"}").entrySet()) {
            var response = send(HttpRequest.newBuilder(uri("/v2/enqueue"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.getValue()))
                    .build());
            assertThat(response.statusCode()).isEqualTo(body.getKey());
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void intakeUrlsAnswerOnlyPostAndOnlyTheirOwnPaths() {
        var get = send(HttpRequest.newBuilder(uri("/v2/enqueue")).GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        for (String path : List.of(
                "/api/v1/integrations/alertmanager/",
                "/api/v1/integrations/alertmanager/0123456789abcdef0123456789abcdef/more")) {
            var post = send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            assertThat(post.statusCode()).as(path).isEqualTo(404);
            assertThat(post.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void repeatsAttachToTheOpenIncidentAndFoldIntoOneTimelineLine() {
        var f = fixture(V2);
        trigger(f, "cpu", "CPU high");
        trigger(f, "cpu", "CPU high");
        var third = trigger(f, "cpu", "CPU high");

        assertThat(third.status()).isEqualTo(202);
        assertThat(incidentCount(f)).isEqualTo(1);
        assertThat(alertCount(f)).isEqualTo(1);
        String incidentId = onlyIncident(f).get("id").stringValue();
        JsonNode alerts = adminGet("/api/v1/incidents/" + incidentId + "/alerts");
        assertThat(alerts.get(0).get("eventCount").intValue()).isEqualTo(3);
        List<JsonNode> repeats = new ArrayList<>();
        adminGet("/api/v1/incidents/" + incidentId + "/timeline").forEach(line -> {
            if (line.get("kind").stringValue().equals("incidents.alert_repeated")) {
                repeats.add(line);
            }
        });
        assertThat(repeats).hasSize(1);
        assertThat(repeats.get(0).get("count").intValue()).isEqualTo(2);
    }

    @Test
    void repeatsMoreThanTenMinutesAfterTheLastStartANewTimelineLine() {
        var f = fixture(V2);
        trigger(f, "mem", "Memory high");
        trigger(f, "mem", "Memory high");
        trigger(f, "mem", "Memory high");
        clock.advance(Duration.ofMinutes(11));
        trigger(f, "mem", "Memory high");
        trigger(f, "mem", "Memory high");
        clock.advance(Duration.ofMinutes(9));
        trigger(f, "mem", "Memory high");

        String incidentId = onlyIncident(f).get("id").stringValue();
        List<Integer> counts = new ArrayList<>();
        adminGet("/api/v1/incidents/" + incidentId + "/timeline").forEach(line -> {
            if (line.get("kind").stringValue().equals("incidents.alert_repeated")) {
                counts.add(line.get("count").intValue());
            }
        });
        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void acknowledgeAndResolveDriveTheIncident() {
        var f = fixture(V2);
        trigger(f, "api-5xx", "API errors");

        var ack = enqueue("{'routing_key':'" + f.key() + "','event_action':'acknowledge','dedup_key':'api-5xx'}");
        assertThat(ack.status()).isEqualTo(202);
        assertThat(ack.body().get("dedup_key").stringValue()).isEqualTo("api-5xx");
        assertThat(onlyIncident(f).get("status").stringValue()).isEqualTo("ACKNOWLEDGED");

        var resolve = enqueue("{'routing_key':'" + f.key() + "','event_action':'resolve','dedup_key':'api-5xx'}");
        assertThat(resolve.status()).isEqualTo(202);
        assertThat(onlyIncident(f).get("status").stringValue()).isEqualTo("RESOLVED");

        // The key is free again: the next trigger opens a new incident.
        trigger(f, "api-5xx", "API errors again");
        assertThat(incidentCount(f)).isEqualTo(2);
        assertThat(alertCount(f)).isEqualTo(2);
    }

    @Test
    void aPersonResolvingTheIncidentFreesItsAlertKeys() {
        var f = fixture(V2);
        trigger(f, "k1", "First");
        String incidentId = onlyIncident(f).get("id").stringValue();

        adminPost("/api/v1/incidents/" + incidentId + "/resolve", Map.of());

        JsonNode alerts = adminGet("/api/v1/incidents/" + incidentId + "/alerts");
        assertThat(alerts.get(0).get("status").stringValue()).isEqualTo("RESOLVED");
        trigger(f, "k1", "First, again");
        assertThat(incidentCount(f)).isEqualTo(2);
    }

    @Test
    void acknowledgeOrResolveOfAnUnknownKeyIsAcceptedAndIgnored() {
        var f = fixture(V2);

        var answer = enqueue("{'routing_key':'" + f.key() + "','event_action':'resolve','dedup_key':'never-seen'}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(alertCount(f)).isZero();
        assertThat(incidentCount(f)).isZero();
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAGeneratedOne() {
        var f = fixture(V2);

        var answer = enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger',"
                + "'payload':{'summary':'No key','source':'h','severity':'info'}}");

        assertThat(answer.status()).isEqualTo(202);
        String key = answer.body().get("dedup_key").stringValue();
        assertThat(key).matches("[0-9a-f]{32}");
        var resolve = enqueue("{'routing_key':'" + f.key() + "','event_action':'resolve','dedup_key':'" + key + "'}");
        assertThat(resolve.status()).isEqualTo(202);
        assertThat(onlyIncident(f).get("status").stringValue()).isEqualTo("RESOLVED");
    }

    @Test
    void theSendersFieldsAreKept() {
        var f = fixture(V2);
        enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','dedup_key':'full',"
                + "'payload':{'summary':'Full','source':'db1','severity':'warning','timestamp':'2015-07-17T08:42:58.315+0000',"
                + "'component':'postgres','group':'prod','class':'disk','custom_details':{'free':'0%'}},"
                + "'links':[{'href':'https://example.com','text':'Runbook'}],'client':'Mon'}");

        var row = jdbc.sql("SELECT * FROM intake_alerts WHERE service_id = ?")
                .param(f.serviceId())
                .query()
                .singleRow();
        assertThat(row.get("component")).isEqualTo("postgres");
        assertThat(row.get("grp")).isEqualTo("prod");
        assertThat(row.get("event_class")).isEqualTo("disk");
        assertThat(json.readTree((String) row.get("custom_details")).get("free").stringValue())
                .isEqualTo("0%");
        assertThat(json.readTree((String) row.get("links")).get(0).get("text").stringValue())
                .isEqualTo("Runbook");
        assertThat(row.get("sender_timestamp")).isNotNull();
    }

    /** Bad input: PagerDuty's 400 shape, the metric counted, and nothing written. */
    private void assertRejected(Fixture f, Supplier<Answer> request, String action, String outcome, String error) {
        int alerts = alertCount(f);
        int incidents = incidentCount(f);
        double before = counter(V2, action, outcome);

        Answer answer = request.get();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().get("status").stringValue()).isEqualTo("invalid event");
        assertThat(answer.body().get("message").stringValue()).isEqualTo("Event object is invalid");
        List<String> errors = new ArrayList<>();
        answer.body().get("errors").forEach(e -> errors.add(e.stringValue()));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains(error));
        assertThat(counter(V2, action, outcome)).isEqualTo(before + 1);
        assertThat(alertCount(f)).isEqualTo(alerts);
        assertThat(incidentCount(f)).isEqualTo(incidents);
    }

    @Test
    void malformedJsonIsRejected() {
        var f = fixture(V2);
        assertRejected(
                f,
                () -> postJson("/v2/enqueue", "{\"routing_key\":\"" + f.key() + "\",\"event_action\":"),
                "unknown",
                "invalid",
                "Event body is not valid JSON");
        assertRejected(f, () -> postJson("/v2/enqueue", "{} {}"), "unknown", "invalid", "Event body is not valid JSON");
        assertRejected(f, () -> postJson("/v2/enqueue", "[1,2]"), "unknown", "invalid", "must be a JSON object");
        assertRejected(f, () -> postJson("/v2/enqueue", ""), "unknown", "invalid", "Event body is not valid JSON");
    }

    @Test
    void wrongTypesAndMissingFieldsAreRejected() {
        var f = fixture(V2);
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','dedup_key':'t',"
                        + "'payload':{'summary':42,'source':'h','severity':'info'}}"),
                "trigger",
                "invalid",
                "'payload.summary' must be a string");
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','payload':'text'}"),
                "trigger",
                "invalid",
                "'payload' must be a JSON object");
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','payload':{'source':'h'}}"),
                "trigger",
                "invalid",
                "'payload.summary' is missing or blank");
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'" + f.key() + "','event_action':'smash','dedup_key':'x'}"),
                "unknown",
                "invalid",
                "'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'short','event_action':'resolve','dedup_key':'x'}"),
                "resolve",
                "invalid",
                "Length of 'routing_key' is incorrect (should be 32 characters)");
    }

    @Test
    void oversizedFieldsAreRejected() {
        var f = fixture(V2);
        assertRejected(
                f,
                () -> trigger(f, "k", "s".repeat(1025)),
                "trigger",
                "invalid",
                "'payload.summary' is too long (should be at most 1024 characters)");
        assertRejected(
                f,
                () -> trigger(f, "k".repeat(256), "s"),
                "trigger",
                "invalid",
                "Length of 'dedup_key' is incorrect (should be at most 255 characters)");
    }

    @Test
    void aTenMegabyteBodyIsRejectedWithoutBeingSentWhenTheClientAsksFirst() {
        var f = fixture(V2);
        assertRejected(
                f,
                () -> {
                    try {
                        return rawPost("/v2/enqueue", 10L * 1024 * 1024, true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "unknown",
                "too_large",
                "Event is too large (the limit is 524288 bytes)");
    }

    @Test
    void aStreamedTenMegabyteBodyIsRejectedWithoutReadingIt() {
        var f = fixture(V2);
        assertRejected(
                f,
                () -> {
                    try {
                        return rawPost("/v2/enqueue", 10L * 1024 * 1024, false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "unknown",
                "too_large",
                "Event is too large (the limit is 524288 bytes)");
    }

    @Test
    void aBodyJustOverTheLimitIsRejected() {
        var f = fixture(V2);
        String padding = "x".repeat(524288);
        assertRejected(
                f,
                () -> enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','dedup_key':'big',"
                        + "'payload':{'summary':'s','source':'h','severity':'info','custom_details':{'pad':'" + padding
                        + "'}}}"),
                "unknown",
                "too_large",
                "Event is too large");
    }

    @Test
    void nonUtf8BytesAreRejected() {
        var f = fixture(V2);
        byte[] latin1 = ("{\"routing_key\":\"" + f.key()
                        + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"Grüße\",\"source\":\"h\","
                        + "\"severity\":\"info\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(
                f, () -> post("/v2/enqueue", "application/json", latin1), "unknown", "invalid", "not valid UTF-8");
    }

    @Test
    void aWrongContentTypeIsRejected() {
        var f = fixture(V2);
        byte[] body = ("{\"routing_key\":\"" + f.key() + "\",\"event_action\":\"resolve\",\"dedup_key\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(
                f,
                () -> post("/v2/enqueue", "application/x-www-form-urlencoded", body),
                "unknown",
                "invalid",
                "Content-Type must be application/json");
    }

    @Test
    void anUnknownRoutingKeyIsRejected() {
        var f = fixture(V2);
        var stranger = new Fixture(f.serviceId(), f.integrationId(), "0123456789abcdef0123456789abcdef");
        assertRejected(
                f,
                () -> trigger(stranger, "k", "s"),
                "trigger",
                "unknown_key",
                "Invalid routing key: 'routing_key' is not the key of any integration");
    }

    @Test
    void anAlertmanagerKeyIsRejectedOnTheEventsApi() {
        var f = fixture("alertmanager");
        assertRejected(
                f,
                () -> trigger(f, "k", "s"),
                "trigger",
                "unknown_key",
                "'routing_key' belongs to an Alertmanager webhook integration");
    }

    @Test
    void aDisabledIntegrationIsRejected() {
        var f = fixture(V2);
        adminSend("PATCH", "/api/v1/integrations/" + f.integrationId(), Map.of("enabled", false));
        assertRejected(
                f,
                () -> trigger(f, "k", "s"),
                "trigger",
                "disabled",
                "The integration of this 'routing_key' is disabled");
    }

    @Test
    void theRateLimitAnswers429() {
        var f = fixture(V2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(trigger(f, "rl-" + i, "s").status()).isEqualTo(202);
        }
        double throttled = counter(V2, "trigger", "throttled");

        var answer = trigger(f, "rl-4", "s");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body().get("status").stringValue()).isEqualTo("throttle event");
        assertThat(answer.body().get("message").stringValue())
                .isEqualTo("Requests for this integration are arriving too quickly. Please retry later.");
        assertThat(counter(V2, "trigger", "throttled")).isEqualTo(throttled + 1);
        assertThat(alertCount(f)).isEqualTo(3);

        // 3 per minute refill one event every 20 s, on Klaxon's clock.
        clock.advance(Duration.ofSeconds(20));
        assertThat(trigger(f, "rl-5", "s").status()).isEqualTo(202);
        assertThat(trigger(f, "rl-6", "s").status()).isEqualTo(429);
        assertThat(alertCount(f)).isEqualTo(4);
    }

    @Test
    void concurrentTriggersWithOneKeyOpenOneAlertAndOneIncident() throws Exception {
        var f = fixture(V2);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 2; round++) {
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    calls.add(() -> trigger(f, "storm", "Thundering herd").status());
                }
                for (Future<Integer> status : pool.invokeAll(calls)) {
                    assertThat(status.get()).isEqualTo(202);
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(alertCount(f)).isEqualTo(1);
        assertThat(incidentCount(f)).isEqualTo(1);
        int events = jdbc.sql("SELECT event_count FROM intake_alerts WHERE service_id = ?")
                .param(f.serviceId())
                .query(Integer.class)
                .single();
        assertThat(events).isEqualTo(100);
    }

    @Test
    void changeEventsAreStoredAndListedNewestFirst() {
        var f = fixture(V2);
        double accepted = counter("change", "change", "accepted");

        var first = postJson(
                "/v2/change/enqueue",
                ("{'routing_key':'" + f.key() + "','payload':{'summary':'Deployed v1','source':'ci',"
                                + "'timestamp':'2026-11-23T10:00:00Z','custom_details':{'build':1}},"
                                + "'links':[{'href':'https://ci.example.com/1','text':'Build'}]}")
                        .replace('\'', '"'));
        clock.advance(Duration.ofMinutes(1));
        postJson(
                "/v2/change/enqueue",
                ("{'routing_key':'" + f.key() + "','payload':{'summary':'Deployed v2'}}").replace('\'', '"'));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().get("status").stringValue()).isEqualTo("success");
        assertThat(first.body().get("message").stringValue()).isEqualTo("Change event processed");
        assertThat(counter("change", "change", "accepted")).isEqualTo(accepted + 2);
        JsonNode changes = adminGet("/api/v1/services/" + f.serviceId() + "/changes?limit=10");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("summary").stringValue()).isEqualTo("Deployed v2");
        assertThat(changes.get(1).get("summary").stringValue()).isEqualTo("Deployed v1");
        assertThat(changes.get(1).get("timestamp").stringValue()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(adminGet("/api/v1/services/" + f.serviceId() + "/changes?limit=1"))
                .hasSize(1);
        assertThat(incidentCount(f)).isZero();
    }

    @Test
    void invalidChangeEventsAreRejectedInPagerDutysShape() {
        var f = fixture(V2);
        var answer =
                postJson("/v2/change/enqueue", ("{'routing_key':'" + f.key() + "','payload':{}}").replace('\'', '"'));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("status").stringValue()).isEqualTo("invalid event");
        assertThat(answer.body().get("errors").get(0).stringValue()).isEqualTo("'payload.summary' is missing or blank");
        assertThat(changeCount(f)).isZero();
    }

    @Test
    void theAlertsOfAnUnknownIncidentAre404() {
        var response = send(java.net.http.HttpRequest.newBuilder(
                        uri("/api/v1/incidents/" + UUID.randomUUID() + "/alerts"))
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build());
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
