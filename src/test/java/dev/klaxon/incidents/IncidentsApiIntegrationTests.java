package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.Actor;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@KlaxonIntegrationTest
class IncidentsApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    IncidentSignals signals;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    UUID service;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
        service = admin.createService("incidents");
    }

    @Test
    void anOpenedIncidentShowsItsFieldsStepsAndTimeline() {
        UUID id = open("Checkout error rate above 5%");

        var incident = admin.get("/api/v1/incidents/" + id).expect(200).json();

        assertThat(incident.get("title").asString()).isEqualTo("Checkout error rate above 5%");
        assertThat(incident.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(incident.get("serviceId").asString()).isEqualTo(service.toString());
        assertThat(incident.get("alertCount").asInt()).isEqualTo(1);
        assertThat(incident.get("number").asLong()).isPositive();
        assertThat(incident.get("createdAt").asString()).isNotBlank();
        assertThat(incident.get("acknowledgedAt").isNull()).isTrue();
        assertThat(steps(incident)).containsExactly("IDENTIFICATION", "LOGGING", "CATEGORIZATION");
        incident.get("processSteps").forEach(step -> {
            assertThat(step.get("at").asString())
                    .isEqualTo(incident.get("createdAt").asString());
            assertThat(step.get("by").asString()).isEqualTo("test integration");
        });
        var timeline =
                admin.get("/api/v1/incidents/" + id + "/timeline").expect(200).json();
        assertThat(kinds(timeline)).containsExactly("incidents.alert_received", "incidents.opened");
        assertThat(timeline.get(0).get("actor").get("type").asString()).isEqualTo("INTEGRATION");
    }

    @Test
    void stepsReachedByBeingCreatedAreReadFromTheIncidentAndOlderStoredOnesAreNotListedTwice() {
        UUID id = open("Queue backlog");
        // Only steps reached after creation are rows of their own.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incidents_process_steps WHERE incident_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
        // Incidents created before created_by existed have all their steps as rows.
        for (String step : List.of("IDENTIFICATION", "LOGGING", "CATEGORIZATION")) {
            jdbc.sql("INSERT INTO incidents_process_steps (incident_id, step, reached_at, actor_name)"
                            + " SELECT id, ?, created_at, 'older integration' FROM incidents_incidents WHERE id = ?")
                    .params(step, id)
                    .update();
        }

        var incident = admin.get("/api/v1/incidents/" + id).expect(200).json();

        assertThat(steps(incident)).containsExactly("IDENTIFICATION", "LOGGING", "CATEGORIZATION");
        incident.get("processSteps")
                .forEach(step -> assertThat(step.get("by").asString()).isEqualTo("older integration"));
    }

    @Test
    void acknowledgingThenResolvingRecordsWhoAndWhen() {
        UUID id = open("Disk full");
        clock.advance(Duration.ofMinutes(3));

        var acknowledged = admin.post("/api/v1/incidents/" + id + "/acknowledge", "")
                .expect(200)
                .json();
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("Administrator");
        assertThat(acknowledged.get("acknowledgedAt").asString())
                .isEqualTo(clock.instant().toString());
        assertThat(steps(acknowledged)).contains("RESPONSE");

        admin.post("/api/v1/incidents/" + id + "/acknowledge", "").expect(200);
        clock.advance(Duration.ofMinutes(10));
        var resolved = admin.post("/api/v1/incidents/" + id + "/resolve", "")
                .expect(200)
                .json();
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedAt").asString())
                .isEqualTo(clock.instant().toString());

        var timeline = admin.get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(kinds(timeline))
                .containsExactly(
                        "incidents.alert_received",
                        "incidents.opened",
                        "incidents.acknowledged",
                        "escalation.stopped",
                        "incidents.resolved");
        assertThat(timeline.get(2).get("actor").get("name").asString()).isEqualTo("Administrator");
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledged() {
        UUID id = open("Queue backlog");
        admin.post("/api/v1/incidents/" + id + "/resolve", "").expect(200);

        var response = admin.post("/api/v1/incidents/" + id + "/acknowledge", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/incidents/" + id).json().get("status").asString())
                .isEqualTo("RESOLVED");
    }

    @Test
    void notesAreAddedToTheTimelineAndBlankNotesAreRefused() {
        UUID id = open("Latency");

        var note = admin.post("/api/v1/incidents/" + id + "/notes", "{\"text\":\"Rolled back deploy 42\"}")
                .expect(201)
                .json();
        assertThat(note.get("kind").asString()).isEqualTo("incidents.note");
        assertThat(note.get("message").asString()).isEqualTo("Rolled back deploy 42");

        var blank = admin.post("/api/v1/incidents/" + id + "/notes", "{\"text\":\"   \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        var tooLong = admin.post("/api/v1/incidents/" + id + "/notes", "{\"text\":\"" + "x".repeat(10_001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);

        assertThat(kinds(admin.get("/api/v1/incidents/" + id + "/timeline").json()))
                .containsOnlyOnce("incidents.note");
    }

    @Test
    void theListFiltersByServiceAndStatusAndPagesWithACursor() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(open("Incident " + i));
        }
        admin.post("/api/v1/incidents/" + ids.get(0) + "/resolve", "").expect(200);

        var firstPage = admin.get("/api/v1/incidents?serviceId=" + service + "&status=TRIGGERED&limit=3")
                .expect(200)
                .json();
        assertThat(titles(firstPage)).containsExactly("Incident 4", "Incident 3", "Incident 2");
        String cursor = firstPage.get("nextCursor").asString();

        var secondPage = admin.get(
                        "/api/v1/incidents?serviceId=" + service + "&status=TRIGGERED&limit=3&cursor=" + cursor)
                .expect(200)
                .json();
        assertThat(titles(secondPage)).containsExactly("Incident 1");
        assertThat(secondPage.get("nextCursor").isNull()).isTrue();

        var resolved = admin.get("/api/v1/incidents?serviceId=" + service + "&status=RESOLVED")
                .json();
        assertThat(titles(resolved)).containsExactly("Incident 0");
    }

    @Test
    void theListFiltersByCreationTime() {
        open("Early");
        clock.advance(Duration.ofHours(1));
        String since = clock.instant().toString();
        open("Late");

        var page = admin.get("/api/v1/incidents?serviceId=" + service + "&createdSince=" + since)
                .json();

        assertThat(titles(page)).containsExactly("Late");
    }

    @Test
    void badQueryParametersAreProblemsThatNameTheParameter() {
        var badStatus = admin.get("/api/v1/incidents?status=BURNING");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asString())
                .isEqualTo("status");
        assertThat(badStatus.json().get("errors").get(0).get("message").asString())
                .contains("TRIGGERED");

        assertThat(admin.get("/api/v1/incidents?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/incidents?limit=201").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/incidents?cursor=garbage").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/incidents?createdSince=yesterday").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/incidents/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/incidents/not-a-uuid").status()).isEqualTo(400);
    }

    private UUID open(String title) {
        return transactions.execute(tx -> signals.open(new NewAlertSignal(
                service,
                UUID.randomUUID(),
                "key-" + UUID.randomUUID(),
                title,
                "critical",
                Actor.integration(UUID.randomUUID(), "test integration"),
                clock.instant())));
    }

    private static List<String> steps(JsonNode incident) {
        List<String> steps = new ArrayList<>();
        incident.get("processSteps").forEach(s -> steps.add(s.get("step").asString()));
        return steps;
    }

    private static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> kinds.add(e.get("kind").asString()));
        return kinds;
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(i -> titles.add(i.get("title").asString()));
        return titles;
    }
}
