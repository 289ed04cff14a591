package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.notify.Deliveries;
import dev.klaxon.oncall.HandOffs;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import dev.klaxon.support.RecordingHttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Escalation meets the rotations: rotation targets page whoever is on call, an unfilled role the severity
 * requires pages its on-call person (and accepting the page assigns the role), and a shift change tells both
 * people about the team's open incidents. Messages go to a real local webhook receiver.
 */
@KlaxonIntegrationTest
class OnCallPagingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Escalations escalations;

    @Autowired
    Deliveries deliveries;

    @Autowired
    HandOffs handOffs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    Api api;
    EscalationTestSupport support;
    RecordingHttpServer receiver;

    @BeforeEach
    void setUp() throws Exception {
        api = Api.asAdmin(port);
        support = new EscalationTestSupport(api, jdbc);
        receiver = RecordingHttpServer.answering();
        escalations.processDue();
        handOffs.announceDue();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aRotationTargetPagesWhoeverIsOnCallNow() {
        UUID team = support.team();
        UUID alice = person("Alice");
        UUID bob = person("Bob");
        String rotation = rotation(team, "Payments primary", "P1D", alice, bob);
        UUID policy = support.policy(
                "[{\"timeout\":\"PT5M\",\"targets\":[{\"type\":\"rotation\",\"id\":\"" + rotation + "\"}]}]", 0, null);
        var service = support.service(team, policy);

        UUID incident = support.trigger(service, EscalationTestSupport.unique("payments down"));
        escalations.processDue();

        String onCall = api.get("/api/v1/oncall?teamId=" + team)
                .expect(200)
                .json()
                .get(0)
                .get("userId")
                .asString();
        assertThat(support.paged(incident, "L1.C0")).containsExactly(UUID.fromString(onCall));
    }

    @Test
    void anUnfilledRoleTheSeverityRequiresPagesItsOnCallPersonAndAcceptingAssignsIt() {
        UUID team = support.team();
        UUID carol = person("Carol");
        rotation(team, "Incident coordinator", "P7D", carol);
        var service = support.service(team, null);
        UUID incident = support.trigger(service, EscalationTestSupport.unique("major outage"));

        api.post(
                        "/api/v1/incidents/" + incident + "/severity",
                        "{\"severity\":\"Critical\",\"reason\":\"most customers affected\"}")
                .expect(200);

        assertThat(support.paged(incident, "role:incident coordinator")).containsExactly(carol);
        assertThat(timelineMessages(incident))
                .anyMatch(m -> m.contains("Incident coordinator role is unfilled: paging Carol"))
                .anyMatch(m -> m.contains("Nobody is on call as Incident communicator"));

        deliveries.sendDue();
        JsonNode page = json.readTree(receiver.receivedWith("\"ROLE\"").stream()
                .filter(r -> r.body().contains(incident.toString()))
                .findFirst()
                .orElseThrow()
                .body());
        String ackPath = URI.create(page.get("acknowledgeUrl").asString()).getPath();
        Api.anonymous(port).post(ackPath, "").expect(200);

        JsonNode roles =
                api.get("/api/v1/incidents/" + incident).expect(200).json().get("roles");
        assertThat(roles.toString()).contains("Incident coordinator").contains(carol.toString());
    }

    @Test
    void aShiftChangeTellsBothPeopleAboutTheTeamsOpenIncidents() {
        UUID team = support.team();
        UUID dave = person("Dave");
        UUID erin = person("Erin");
        rotation(team, "Hourly primary", "PT1H", dave, erin);
        String title = EscalationTestSupport.unique("still burning");
        support.trigger(support.service(team, null), title);

        clock.advance(Duration.ofHours(1));
        handOffs.announceDue();
        deliveries.sendDue();

        var notices = receiver.receivedWith("Shift change").stream()
                .filter(r -> r.body().contains(title))
                .toList();
        assertThat(notices).hasSize(2);
        assertThat(notices)
                .allSatisfy(notice -> assertThat(notice.body()).contains("Dave").contains("Erin"));
    }

    private UUID person(String name) {
        UUID id = support.person(name);
        for (JsonNode method :
                api.get("/api/v1/users/" + id + "/contact-methods").expect(200).json()) {
            api.delete("/api/v1/users/" + id + "/contact-methods/"
                            + method.get("id").asString())
                    .expect(204);
        }
        api.post(
                        "/api/v1/users/" + id + "/contact-methods",
                        "{\"type\":\"webhook\",\"address\":\"" + receiver.url("/" + name) + "\"}")
                .expect(201);
        return id;
    }

    /** A rotation that started yesterday at midnight UTC, so its first participant is not necessarily on call. */
    private String rotation(UUID team, String role, String shiftLength, UUID... participants) {
        StringBuilder ids = new StringBuilder();
        for (UUID participant : participants) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(participant).append('"');
        }
        LocalDate start = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        return api.post("/api/v1/rotations", """
                        {"name":"%s","teamId":"%s","role":"%s","participants":[%s],
                         "shiftLength":"%s","handoffTime":"00:00","timeZone":"UTC","start":"%s"}""".formatted(
                                EscalationTestSupport.unique(role), team, role, ids, shiftLength, start))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private java.util.List<String> timelineMessages(UUID incident) {
        return api.get("/api/v1/incidents/" + incident + "/timeline")
                .expect(200)
                .json()
                .findValuesAsString("message");
    }
}
