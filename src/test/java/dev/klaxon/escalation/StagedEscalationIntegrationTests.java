package dev.klaxon.escalation;

import static dev.klaxon.escalation.EscalationTestSupport.levels;
import static dev.klaxon.escalation.EscalationTestSupport.unique;
import static dev.klaxon.escalation.EscalationTestSupport.userLevel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.JdbcTime;
import dev.klaxon.notify.Deliveries;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import dev.klaxon.support.RecordingHttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Steps staged ahead of their due time (klaxon.escalation.stage-ahead, 1 minute by default): the pages and
 * deliveries exist before the step is due, a sender takes them at the due instant whether or not the engine has run
 * the step yet, the timeline only shows them once their time has come, and acknowledging before that takes them
 * back.
 */
@KlaxonIntegrationTest
class StagedEscalationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Escalations escalations;

    @Autowired
    Deliveries deliveries;

    @Autowired
    JdbcClient jdbc;

    Api api;
    EscalationTestSupport support;

    @BeforeEach
    void setUp() {
        api = Api.asAdmin(port);
        support = new EscalationTestSupport(api, jdbc);
        escalations.processDue();
        deliveries.sendDue();
    }

    private record Incident(UUID id, UUID second, Instant levelTwoDue) {}

    /** Level 1 pages {@code First} (a dead address), level 2 after five minutes pages {@code Second} at {@code url}. */
    private Incident openIncident(String url) {
        UUID first = support.person("First");
        UUID second = support.person("Second", url);
        var service = support.service(
                support.team(), support.policy(levels(userLevel("PT5M", first), userLevel("PT10M", second)), 0, null));
        UUID incident = support.trigger(service, unique("payments slow"));
        escalations.processDue();
        assertThat(support.paged(incident, "L1.C0")).containsExactly(first);
        return new Incident(incident, second, clock.instant().plus(Duration.ofMinutes(5)));
    }

    /** {@link #openIncident}, then 30 s before level 2 falls due: its page to {@code Second} is staged. */
    private Incident stagedIncident(String url) {
        Incident incident = openIncident(url);
        clock.advance(Duration.ofMinutes(4).plusSeconds(30));
        escalations.processDue();
        assertThat(deliveriesTo(incident.second())).hasSize(1);
        return incident;
    }

    private record Delivery(String status, Instant dueAt, Instant handedAt) {}

    private List<Delivery> deliveriesTo(UUID user) {
        return jdbc.sql("SELECT status, due_at, handed_at FROM notify_deliveries WHERE user_id = ?")
                .param(user)
                .query((rs, n) -> new Delivery(
                        rs.getString("status"), JdbcTime.fromDb(rs, "due_at"), JdbcTime.fromDb(rs, "handed_at")))
                .list();
    }

    private List<JsonNode> pagedLines(UUID incident, String name) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        api.get("/api/v1/incidents/" + incident + "/timeline")
                .expect(200)
                .json()
                .forEach(line -> {
                    if (line.get("kind").asString().equals("notify.paged")
                            && line.get("message").asString().startsWith("Paged " + name + " ")) {
                        lines.add(line);
                    }
                });
        return lines;
    }

    @Test
    void aStagedStepIsHandedToASenderAtItsDueTimeAndReachesTheTimelineWhenItRuns() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            Incident incident = openIncident(receiver.url("/second"));

            clock.advance(Duration.ofMinutes(4)); // level 2 falls due within the minute: it is staged
            escalations.processDue();
            assertThat(deliveriesTo(incident.second()))
                    .containsExactly(new Delivery("PENDING", incident.levelTwoDue(), null));
            assertThat(support.paged(incident.id(), "L2.C0")).isEmpty();
            assertThat(pagedLines(incident.id(), "Second")).isEmpty();
            JsonNode levelTwo = support.escalation(incident.id()).get("steps").get(1);
            assertThat(levelTwo.get("stepKey").asString()).isEqualTo("L2.C0");
            assertThat(Instant.parse(levelTwo.get("stagedAt").asString())).isEqualTo(clock.instant());
            assertThat(levelTwo.get("outcome").isNull()).isTrue();
            deliveries.sendDue();
            assertThat(receiver.received()).isEmpty();

            clock.advance(Duration.ofMinutes(1).minusMillis(1));
            deliveries.sendDue();
            assertThat(receiver.received()).isEmpty();

            clock.advance(Duration.ofMillis(1));
            // The sender does not wait for the engine to run the step.
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(1);
            assertThat(deliveriesTo(incident.second()))
                    .containsExactly(new Delivery("SENT", incident.levelTwoDue(), incident.levelTwoDue()));

            escalations.processDue();
            assertThat(support.paged(incident.id(), "L2.C0")).containsExactly(incident.second());
            assertThat(pagedLines(incident.id(), "Second"))
                    .singleElement()
                    .satisfies(line ->
                            assertThat(Instant.parse(line.get("at").asString())).isEqualTo(incident.levelTwoDue()));
            assertThat(support.escalation(incident.id()).get("level").asInt()).isEqualTo(2);
            assertThat(deliveriesTo(incident.second())).hasSize(1);

            escalations.processDue();
            deliveries.sendDue();
            assertThat(receiver.received()).hasSize(1);
            assertThat(pagedLines(incident.id(), "Second")).hasSize(1);
        }
    }

    @Test
    void acknowledgingBeforeTheDueTimeWithdrawsTheStagedPages() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            Incident incident = stagedIncident(receiver.url("/second"));

            clock.advance(Duration.ofSeconds(20));
            api.post("/api/v1/incidents/" + incident.id() + "/acknowledge", "{}")
                    .expect(200);
            clock.advance(Duration.ofMinutes(30));
            deliveries.sendDue();
            escalations.processDue();

            assertThat(receiver.received()).isEmpty();
            assertThat(deliveriesTo(incident.second()))
                    .extracting(Delivery::status)
                    .containsExactly("CANCELLED");
            assertThat(support.paged(incident.id(), "L2.C0")).isEmpty();
            assertThat(pagedLines(incident.id(), "Second")).isEmpty();
            assertThat(support.escalation(incident.id()).get("steps").findValuesAsString("outcome"))
                    .containsExactly("PAGED", "CANCELLED");
        }
    }

    @Test
    void aPersonWhoReplacesTheirContactMethodAfterTheStagingIsReachedOnTheNewOne() throws Exception {
        try (var old = RecordingHttpServer.answering();
                var replacement = RecordingHttpServer.answering()) {
            Incident incident = stagedIncident(old.url("/old"));

            String methods = "/api/v1/users/" + incident.second() + "/contact-methods";
            for (var method : api.get(methods).expect(200).json()) {
                api.delete(methods + "/" + method.get("id").asString()).expect(204);
            }
            api.post(methods, "{\"type\":\"webhook\",\"address\":\"" + replacement.url("/new") + "\"}")
                    .expect(201);

            clock.advance(Duration.ofSeconds(30));
            deliveries.sendDue();
            escalations.processDue(); // the step runs: the page gets a delivery for the new method
            deliveries.sendDue();

            assertThat(old.received()).isEmpty();
            assertThat(replacement.received()).hasSize(1);
            assertThat(deliveriesTo(incident.second()))
                    .extracting(Delivery::status)
                    .containsExactlyInAnyOrder("CANCELLED", "SENT");
            assertThat(pagedLines(incident.id(), "Second")).hasSize(1);
        }
    }

    @Test
    void aStagedPageThatWentOutBeforeAnAcknowledgementStaysOnTheTimeline() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            Incident incident = stagedIncident(receiver.url("/second"));

            clock.advance(Duration.ofSeconds(30));
            deliveries.sendDue(); // out at the due time; the engine has not run the step when the ack arrives
            clock.advance(Duration.ofSeconds(5));
            api.post("/api/v1/incidents/" + incident.id() + "/acknowledge", "{}")
                    .expect(200);
            escalations.processDue();

            assertThat(receiver.received()).hasSize(1);
            assertThat(deliveriesTo(incident.second()))
                    .extracting(Delivery::status)
                    .containsExactly("SENT");
            assertThat(support.paged(incident.id(), "L2.C0")).containsExactly(incident.second());
            assertThat(pagedLines(incident.id(), "Second")).hasSize(1);
            assertThat(support.escalation(incident.id()).get("status").asString())
                    .isEqualTo("ACKNOWLEDGED");
        }
    }
}
