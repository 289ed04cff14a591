package dev.klaxon.escalation;

import static dev.klaxon.escalation.EscalationTestSupport.levels;
import static dev.klaxon.escalation.EscalationTestSupport.userLevel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Escalation through the HTTP API with the test clock: levels, acknowledgement, repeats, re-notification. */
@KlaxonIntegrationTest
class EscalationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Escalations escalations;

    @Autowired
    JdbcClient jdbc;

    Api api;
    EscalationTestSupport support;

    @BeforeEach
    void setUp() {
        api = Api.asAdmin(port);
        support = new EscalationTestSupport(api, jdbc);
        // Steps other tests left due must not be mistaken for ours: run them first.
        escalations.processDue();
    }

    @Test
    void levelOnePagesAtOnceAndLevelTwoAfterItsTimeout() {
        UUID first = support.person("First");
        UUID second = support.person("Second");
        var service = support.service(
                support.team(), support.policy(levels(userLevel("PT5M", first), userLevel("PT10M", second)), 0, null));

        UUID incident = support.trigger(service, EscalationTestSupport.unique("checkout failing"));
        escalations.processDue();
        assertThat(support.paged(incident, "L1.C0")).containsExactly(first);
        assertThat(support.paged(incident, "L2.C0")).isEmpty();

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        escalations.processDue();
        assertThat(support.paged(incident, "L2.C0")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        escalations.processDue();
        assertThat(support.paged(incident, "L2.C0")).containsExactly(second);

        clock.advance(Duration.ofMinutes(10));
        escalations.processDue();
        JsonNode escalation = support.escalation(incident);
        assertThat(escalation.get("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(escalation.get("level").asInt()).isEqualTo(2);
        assertThat(support.pages(incident)).hasSize(2);
        assertThat(timelineKinds(incident)).contains("escalation.escalated", "escalation.stopped", "notify.paged");

        var section =
                api.get("/incidents/" + incident + "/escalation", "text/html").expect(200);
        assertThat(section.body())
                .contains("id=\"escalation-status\"")
                .contains("Exhausted")
                .contains("data-step=\"L1.C0\"")
                .contains("data-step=\"L2.C0\"");
    }

    @Test
    void acknowledgingStopsTheEscalation() {
        UUID first = support.person("First");
        UUID second = support.person("Second");
        var service = support.service(
                support.team(), support.policy(levels(userLevel("PT5M", first), userLevel("PT10M", second)), 2, null));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("queue backlog"));
        escalations.processDue();

        clock.advance(Duration.ofMinutes(2));
        api.post("/api/v1/incidents/" + incident + "/acknowledge", "{}").expect(200);
        clock.advance(Duration.ofHours(2));
        escalations.processDue();

        assertThat(support.pages(incident)).hasSize(1);
        JsonNode escalation = support.escalation(incident);
        assertThat(escalation.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(escalation.get("steps").findValuesAsString("outcome")).containsExactly("PAGED", "CANCELLED");
    }

    @Test
    void resolvingEndsTheEscalation() {
        UUID first = support.person("First");
        var service = support.service(support.team(), support.policy(levels(userLevel("PT5M", first)), 3, "PT30M"));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("disk full"));
        escalations.processDue();
        api.post("/api/v1/incidents/" + incident + "/resolve", "{}").expect(200);

        clock.advance(Duration.ofHours(3));
        escalations.processDue();

        assertThat(support.pages(incident)).hasSize(1);
        assertThat(support.escalation(incident).get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void thePolicyRepeatsItsLevels() {
        UUID first = support.person("First");
        UUID second = support.person("Second");
        var service = support.service(
                support.team(), support.policy(levels(userLevel("PT5M", first), userLevel("PT5M", second)), 1, null));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("latency"));
        for (int i = 0; i < 6; i++) {
            escalations.processDue();
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(support.pages(incident))
                .extracting(row -> row.get("step_key") + "=" + row.get("user_id"))
                .containsExactlyInAnyOrder("L1.C0=" + first, "L2.C0=" + second, "L1.C1=" + first, "L2.C1=" + second);
        assertThat(support.escalation(incident).get("status").asString()).isEqualTo("EXHAUSTED");
    }

    @Test
    void aLevelWithNobodyOnCallPassesStraightToTheNextLevel() {
        UUID second = support.person("Second");
        String nobody = "{\"timeout\":\"PT5M\",\"targets\":[{\"type\":\"role\",\"role\":\"Nobody has this role\"}]}";
        var service =
                support.service(support.team(), support.policy(levels(nobody, userLevel("PT5M", second)), 0, null));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("no primary"));
        escalations.processDue();

        assertThat(support.paged(incident, "L2.C0")).containsExactly(second);
        assertThat(timelineMessages(incident))
                .filteredOn(m -> m.contains("nobody to page"))
                .containsExactly("Level 1 of 2 ('"
                        + support.escalation(incident).get("policyName").asString()
                        + "'): nobody to page (on call as Nobody has this role in the incident's team)");
    }

    @Test
    void levelsPassedOverInOneStepAreOneTimelineLine() {
        String nobody = "{\"timeout\":\"PT5M\",\"targets\":[{\"type\":\"role\",\"role\":\"Nobody has this role\"}]}";
        String nobodyElse = "{\"timeout\":\"PT5M\",\"targets\":[{\"type\":\"role\",\"role\":\"Nor this one\"}]}";
        var service = support.service(support.team(), support.policy(levels(nobody, nobodyElse), 1, null));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("nobody at all"));
        escalations.processDue();

        String policy = support.escalation(incident).get("policyName").asString();
        assertThat(timelineMessages(incident))
                .filteredOn(m -> m.contains("nobody to page") || m.contains("no further levels"))
                .containsExactly(
                        "Levels 1 (pass 1 of 2) to 2 (pass 2 of 2) of 2 ('" + policy + "'): nobody to page ("
                                + "level 1 (pass 1 of 2): on call as Nobody has this role in the incident's team; "
                                + "level 2 (pass 1 of 2): on call as Nor this one in the incident's team; "
                                + "level 1 (pass 2 of 2): on call as Nobody has this role in the incident's team; "
                                + "level 2 (pass 2 of 2): on call as Nor this one in the incident's team)",
                        "Policy '" + policy
                                + "' has no further levels; the incident stays open until someone acknowledges it");
        assertThat(support.escalation(incident).get("status").asString()).isEqualTo("EXHAUSTED");
    }

    @Test
    void anAcknowledgementThatTimesOutPagesTheAcknowledgerAgain() {
        UUID first = support.person("First");
        var service = support.service(support.team(), support.policy(levels(userLevel("PT5M", first)), 0, "PT30M"));
        UUID incident = support.trigger(service, EscalationTestSupport.unique("slow burn"));
        escalations.processDue();
        support.as(first, port)
                .post("/api/v1/incidents/" + incident + "/acknowledge", "{}")
                .expect(200);

        clock.advance(Duration.ofMinutes(29));
        escalations.processDue();
        assertThat(support.paged(incident, "R1")).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        escalations.processDue();
        assertThat(support.paged(incident, "R1")).containsExactly(first);

        clock.advance(Duration.ofMinutes(30));
        escalations.processDue();
        assertThat(support.paged(incident, "R2")).containsExactly(first);

        api.post("/api/v1/incidents/" + incident + "/resolve", "{}").expect(200);
        clock.advance(Duration.ofHours(1));
        escalations.processDue();
        assertThat(support.pages(incident)).hasSize(3);
    }

    @Test
    void twoWorkersRunEachStepOnce() throws Exception {
        UUID first = support.person("First");
        UUID second = support.person("Second");
        var service = support.service(
                support.team(), support.policy(levels(userLevel("PT5M", first), userLevel("PT5M", second)), 0, null));
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            incidents.add(support.trigger(service, EscalationTestSupport.unique("burst " + i)));
        }
        runConcurrently(() -> escalations.processDue(), 4);
        clock.advance(Duration.ofMinutes(5));
        runConcurrently(() -> escalations.processDue(), 4);

        for (UUID incident : incidents) {
            assertThat(support.pages(incident))
                    .extracting(row -> row.get("step_key") + "=" + row.get("user_id"))
                    .containsExactlyInAnyOrder("L1.C0=" + first, "L2.C0=" + second);
            assertThat(timelineKinds(incident).stream().filter("escalation.escalated"::equals))
                    .hasSize(2);
        }
    }

    @Test
    void aPolicyIsValidatedAsAWholeAndARejectedOneStoresNothing() {
        int before = api.get("/api/v1/escalation-policies").expect(200).json().size();
        JsonNode problem =
                api.post("/api/v1/escalation-policies", """
                        {"name":"","repeat":12,"renotifyAfterAck":"PT10S","levels":[
                          {"timeout":"PT30S","targets":[]},
                          {"timeout":"PT5M","targets":[{"type":"user","id":"00000000-0000-0000-0000-000000000001"},
                                                       {"type":"pager"},{"type":"role"}]}]}""").expect(400).json();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains(
                        "name",
                        "repeat",
                        "renotifyAfterAck",
                        "levels[0].timeout",
                        "levels[0].targets",
                        "levels[1].targets[1].type");
        assertThat(api.get("/api/v1/escalation-policies").expect(200).json().size())
                .isEqualTo(before);

        JsonNode second =
                api.post("/api/v1/escalation-policies", """
                        {"name":"x","levels":[{"timeout":"PT5M","targets":[
                          {"type":"user","id":"00000000-0000-0000-0000-000000000001"},{"type":"role"}]}]}""").expect(400).json();
        assertThat(second.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("levels[0].targets[0].id", "levels[0].targets[1].role");
        api.post("/api/v1/escalation-policies", "{\"name\":\"x\",\"levels\":[{\"timeout\":\"soon\"}]}")
                .expect(400);
    }

    @Test
    void aServiceNamesItsPolicyOnCreateAndOnPut() {
        UUID person = support.person("Lead");
        UUID policy = support.policy(levels(userLevel("PT5M", person)), 0, null);
        UUID other = support.policy(levels(userLevel("PT10M", person)), 0, null);
        var service = support.service(support.team(), policy);
        assertThat(api.get("/api/v1/services/" + service.id())
                        .expect(200)
                        .json()
                        .get("escalationPolicyId")
                        .asString())
                .isEqualTo(policy.toString());

        api.put("/api/v1/services/" + service.id(), "{\"escalationPolicyId\":\"" + UUID.randomUUID() + "\"}")
                .expect(400);
        assertThat(api.get("/api/v1/services/" + service.id())
                        .expect(200)
                        .json()
                        .get("escalationPolicyId")
                        .asString())
                .isEqualTo(policy.toString());

        api.put("/api/v1/services/" + service.id(), "{\"escalationPolicyId\":\"" + other + "\"}")
                .expect(200);
        assertThat(api.get("/api/v1/services/" + service.id())
                        .expect(200)
                        .json()
                        .get("escalationPolicyId")
                        .asString())
                .isEqualTo(other.toString());

        api.delete("/api/v1/escalation-policies/" + other).expect(409);
        api.delete("/api/v1/escalation-policies/" + policy).expect(204);
        api.get("/api/v1/escalation-policies/" + policy).expect(404);
    }

    @Test
    void theDefaultPolicyFollowsTheOverviewAndCannotBeDeleted() {
        JsonNode defaults = null;
        for (JsonNode policy :
                api.get("/api/v1/escalation-policies").expect(200).json()) {
            if (policy.get("isDefault").asBoolean()) {
                defaults = policy;
            }
        }
        assertThat(defaults).isNotNull();
        assertThat(defaults.get("levels").findValuesAsString("timeout")).containsExactly("PT5M", "PT10M", "PT15M");
        assertThat(defaults.get("levels").get(1).get("targets").findValuesAsString("role"))
                .containsExactly("Secondary on-call", "Team lead");
        api.delete("/api/v1/escalation-policies/" + defaults.get("id").asString())
                .expect(409);
    }

    private List<String> timelineKinds(UUID incident) {
        return api.get("/api/v1/incidents/" + incident + "/timeline")
                .expect(200)
                .json()
                .findValuesAsString("kind");
    }

    private List<String> timelineMessages(UUID incident) {
        return api.get("/api/v1/incidents/" + incident + "/timeline")
                .expect(200)
                .json()
                .findValuesAsString("message");
    }

    private static void runConcurrently(Callable<?> task, int threads) throws Exception {
        var pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
