package dev.klaxon.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.Actor;
import dev.klaxon.incidents.internal.ResponseTargetMetrics;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import dev.klaxon.support.RecordedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Classifying incidents while they unfold, through the real HTTP API (default classification definition). */
@KlaxonIntegrationTest
class IncidentClassificationIntegrationTests {

    static final String COORDINATOR = "Incident coordinator";
    static final String COMMUNICATOR = "Incident communicator";
    static final String EXPERT = "Technical expert";

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

    @Autowired
    RecordedEvents events;

    @Autowired
    MeterRegistry meters;

    Api admin;
    UUID service;
    UUID team;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
        service = admin.createService("classify");
        team = UUID.fromString(
                admin.get("/api/v1/services/" + service).json().get("teamId").asString());
    }

    @Test
    void aRuleAssignedPriorityIsRecordedOnOpening() {
        UUID id = open("Checkout availability", "P3", "P3 by rule 'checkout availability SLO'");

        var incident = incident(id);
        assertThat(incident.get("priority").asString()).isEqualTo("P3");
        assertThat(incident.get("rulePriority").asString()).isEqualTo("P3");
        assertThat(incident.get("classificationVersion").asInt()).isPositive();
        assertThat(steps(incident)).contains("PRIORITIZATION");
        assertThat(timeline(id, "incidents.priority_changed"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.get("message").asString()).contains("P3 by rule 'checkout availability SLO'"));
    }

    @Test
    void prioritizationIsReachedWhenTheFirstPriorityIsSetAndLaterChangesLeaveIt() {
        Instant opened = clock.instant();
        UUID byRule = open("Search latency", "P3", "P3 by rule 'search latency SLO'");
        UUID byHand = open("Search errors");
        assertThat(steps(incident(byHand))).doesNotContain("PRIORITIZATION");
        clock.advance(Duration.ofMinutes(3));
        Instant prioritised = clock.instant();
        for (UUID id : List.of(byRule, byHand)) {
            admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P2\",\"reason\":\"spreading\"}")
                    .expect(200);
        }
        clock.advance(Duration.ofMinutes(3));
        admin.post("/api/v1/incidents/" + byHand + "/priority", "{\"priority\":\"P1\",\"reason\":\"worse\"}")
                .expect(200);

        assertThat(prioritization(byRule)).isEqualTo(List.of(opened.toString(), "test integration"));
        assertThat(prioritization(byHand)).isEqualTo(List.of(prioritised.toString(), "Administrator"));
        // Kept on the incident row: none of this wrote a step row.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incidents_process_steps WHERE incident_id IN (?, ?)")
                        .params(byRule, byHand)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private List<String> prioritization(UUID id) {
        List<String> reached = new ArrayList<>();
        incident(id).get("processSteps").forEach(step -> {
            if (step.get("step").asString().equals("PRIORITIZATION")) {
                reached.add(step.get("at").asString());
                reached.add(step.get("by").asString());
            }
        });
        return reached;
    }

    @Test
    void aPriorityChangeRecordsWhoWhenFromToAndWhyAndAboveTheRuleIsAnOverride() {
        UUID id = open("Payments latency", "P3", "P3 by rule 'payments latency SLO'");
        clock.advance(Duration.ofMinutes(2));

        var changed = admin.post(
                        "/api/v1/incidents/" + id + "/priority",
                        "{\"priority\":\"P2\",\"reason\":\"key customer affected\"}")
                .expect(200)
                .json();

        assertThat(changed.get("priority").asString()).isEqualTo("P2");
        assertThat(changed.get("rulePriority").asString()).isEqualTo("P3");
        var change = last(admin.get("/api/v1/incidents/" + id + "/classification-changes")
                .expect(200)
                .json());
        assertThat(change.get("kind").asString()).isEqualTo("PRIORITY");
        assertThat(change.get("from").asString()).isEqualTo("P3");
        assertThat(change.get("to").asString()).isEqualTo("P2");
        assertThat(change.get("reason").asString()).isEqualTo("key customer affected");
        assertThat(change.get("by").get("name").asString()).isEqualTo("Administrator");
        assertThat(change.get("at").asString()).isEqualTo(clock.instant().toString());
        assertThat(change.get("override").asBoolean()).isTrue();
        assertThat(last(timeline(id, "incidents.priority_changed"))
                        .get("message")
                        .asString())
                .isEqualTo("Priority raised from P3 to P2 (judgement override): key customer affected");

        var overrides = admin.get("/api/v1/incidents/overrides").expect(200).json();
        var listed = overrides.get(0);
        assertThat(listed.get("incidentId").asString()).isEqualTo(id.toString());
        assertThat(listed.get("incidentNumber").asLong())
                .isEqualTo(changed.get("number").asLong());
        assertThat(listed.get("incidentTitle").asString()).isEqualTo("Payments latency");
        assertThat(listed.get("reason").asString()).isEqualTo("key customer affected");

        admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P4\",\"reason\":\"contained\"}")
                .expect(200);
        assertThat(last(admin.get("/api/v1/incidents/" + id + "/classification-changes")
                                .json())
                        .get("override")
                        .asBoolean())
                .isFalse();
        assertThat(events.ofType(IncidentPriorityChanged.class).stream()
                        .filter(e -> e.incidentId().equals(id))
                        .map(IncidentPriorityChanged::to))
                .containsExactly("P3", "P2", "P4");
    }

    @Test
    void changesWithoutAReasonOrWithUnknownValuesAreRefusedAndResolvedIncidentsAreConflicts() {
        UUID id = open("Search down");

        var noReason = admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P2\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        var blankReason =
                admin.post("/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Error\",\"reason\":\"  \"}");
        assertThat(blankReason.status()).isEqualTo(400);
        assertThat(blankReason.json().get("errors").get(0).get("field").asString())
                .isEqualTo("reason");
        var unknownPriority =
                admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P9\",\"reason\":\"why not\"}");
        assertThat(unknownPriority.status()).isEqualTo(400);
        assertThat(unknownPriority.json().get("errors").get(0).get("field").asString())
                .isEqualTo("priority");
        assertThat(unknownPriority.json().get("detail").asString()).contains("P1, P2, P3, P4");
        var unknownSeverity = admin.post(
                "/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Apocalyptic\",\"reason\":\"why not\"}");
        assertThat(unknownSeverity.status()).isEqualTo(400);
        assertThat(unknownSeverity.json().get("detail").asString()).contains("Critical, Error, Warning");
        assertThat(admin.get("/api/v1/incidents/" + id + "/classification-changes")
                        .json()
                        .size())
                .isZero();

        admin.post("/api/v1/incidents/" + id + "/resolve", "").expect(200);
        var resolved = admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P2\",\"reason\":\"late\"}");
        assertThat(resolved.status()).isEqualTo(409);
        assertThat(resolved.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDisallowedPriorityAndSeverityCombinationIsRefusedNamingTheAllowedOnes() {
        var original = admin.get("/api/v1/classification").expect(200).json();
        var restrictive = (ObjectNode) original.deepCopy();
        var matrix = (ObjectNode) restrictive.get("matrix");
        ArrayNode warningOnly = matrix.putArray("P4");
        warningOnly.add("Warning");
        admin.put("/api/v1/classification", restrictive.toString()).expect(200);
        try {
            UUID id = open("Cache misses");
            admin.post("/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Critical\",\"reason\":\"all down\"}")
                    .expect(200);

            var refused = admin.post(
                    "/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P4\",\"reason\":\"feels minor\"}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("priority");
            assertThat(refused.json().get("detail").asString())
                    .contains("P4 is not allowed with severity Critical")
                    .contains("P1 with Critical, Error, Warning")
                    .contains("P4 with Warning");
            assertThat(incident(id).get("priority").isNull()).isTrue();

            admin.post("/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Warning\",\"reason\":\"contained\"}")
                    .expect(200);
            admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P4\",\"reason\":\"feels minor\"}")
                    .expect(200);
            var refusedSeverity = admin.post(
                    "/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Error\",\"reason\":\"spreading\"}");
            assertThat(refusedSeverity.status()).isEqualTo(400);
            assertThat(refusedSeverity.json().get("detail").asString()).contains("allowed with P4: Warning");
        } finally {
            var current = admin.get("/api/v1/classification").json();
            var restore = (ObjectNode) original.deepCopy();
            restore.put("version", current.get("version").asInt());
            admin.put("/api/v1/classification", restore.toString()).expect(200);
        }
    }

    /**
     * The rule's priority is decided once, in intake, under some classification version; the incident is opened
     * under that version even when the classification has changed since, not under a version looked up again.
     */
    @Test
    void anIncidentOpensUnderTheClassificationVersionItsPriorityWasDecidedUnder() {
        var original = admin.get("/api/v1/classification").expect(200).json();
        int decidedUnder = original.get("version").asInt();
        var next = (ObjectNode) original.deepCopy();
        next.put("version", decidedUnder);
        admin.put("/api/v1/classification", next.toString()).expect(200);
        int current = admin.get("/api/v1/classification").json().get("version").asInt();
        assertThat(current).isGreaterThan(decidedUnder);

        UUID carried = open("Decided before the change", "P2", "P2 by rule 'checkout'", decidedUnder);
        UUID unknown = open("Preset priority", "P2", "P2 by SLO", 0);

        assertThat(incident(carried).get("classificationVersion").asInt()).isEqualTo(decidedUnder);
        assertThat(incident(carried).get("priority").asString()).isEqualTo("P2");
        assertThat(incident(unknown).get("classificationVersion").asInt()).isEqualTo(current);
    }

    @Test
    void aSeverityRequiresRolesThatAreAssignedHandedOverAndAnnouncedWhenMissing() {
        UUID id = open("Orders failing");
        String grace = createUser("Grace Hopper");

        var critical = admin.post(
                        "/api/v1/incidents/" + id + "/severity",
                        "{\"severity\":\"Critical\",\"reason\":\"checkout down for everyone\"}")
                .expect(200)
                .json();

        assertThat(critical.get("severity").asString()).isEqualTo("Critical");
        assertThat(roles(critical)).containsExactly(COORDINATOR + "=", COMMUNICATOR + "=", EXPERT + "=");
        assertThat(requiredEvents(id)).containsExactly(COORDINATOR, COMMUNICATOR, EXPERT);
        assertThat(events.ofType(IncidentRoleRequired.class).stream()
                        .filter(e -> e.incidentId().equals(id))
                        .map(IncidentRoleRequired::teamId))
                .containsOnly(team);

        String me = admin.get("/api/v1/me").json().get("id").asString();
        var assigned = admin.post(
                        "/api/v1/incidents/" + id + "/roles",
                        "{\"role\":\"" + COORDINATOR + "\",\"userId\":\"" + me + "\"}")
                .expect(200)
                .json();
        assertThat(roles(assigned)).startsWith(COORDINATOR + "=Administrator");
        var coordinator = assigned.get("roles").get(0);
        assertThat(coordinator.get("required").asBoolean()).isTrue();
        assertThat(coordinator.get("assignedBy").asString()).isEqualTo("Administrator");
        assertThat(coordinator.get("assignedAt").asString())
                .isEqualTo(clock.instant().toString());

        var handedOver = admin.post(
                        "/api/v1/incidents/" + id + "/roles",
                        "{\"role\":\"" + COORDINATOR + "\",\"userId\":\"" + grace
                                + "\",\"reason\":\"end of my shift\"}")
                .expect(200)
                .json();
        assertThat(roles(handedOver)).startsWith(COORDINATOR + "=Grace Hopper");
        assertThat(last(timeline(id, "incidents.role_assigned")).get("message").asString())
                .isEqualTo(COORDINATOR + " handed over from Administrator to Grace Hopper: end of my shift");
        assertThat(events.ofType(IncidentRoleAssigned.class).stream()
                        .filter(e -> e.incidentId().equals(id))
                        .map(e -> e.userName() + "<-" + e.previousUserId()))
                .containsExactly("Administrator<-null", "Grace Hopper<-" + me);

        var deputy = admin.post(
                        "/api/v1/incidents/" + id + "/roles",
                        "{\"role\":\"Deputy coordinator\",\"userId\":\"" + me + "\"}")
                .expect(200)
                .json();
        assertThat(roles(deputy)).contains("Deputy coordinator=Administrator");
        assertThat(deputy.get("roles").get(3).get("required").asBoolean()).isFalse();

        String role = URLEncoder.encode(COORDINATOR, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(admin.delete("/api/v1/incidents/" + id + "/roles/" + role).status())
                .isEqualTo(400);
        var unassigned = admin.delete("/api/v1/incidents/" + id + "/roles/" + role + "?reason=went%20home")
                .expect(200)
                .json();
        assertThat(roles(unassigned)).startsWith(COORDINATOR + "=");
        assertThat(requiredEvents(id)).containsExactly(COORDINATOR, COMMUNICATOR, EXPERT, COORDINATOR);

        var unknownRole =
                admin.post("/api/v1/incidents/" + id + "/roles", "{\"role\":\"Astronaut\",\"userId\":\"" + me + "\"}");
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("detail").asString())
                .contains(COORDINATOR)
                .contains("Scribe");
        var unknownUser = admin.post(
                "/api/v1/incidents/" + id + "/roles", "{\"role\":\"Scribe\",\"userId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownUser.status()).isEqualTo(400);
        assertThat(unknownUser.json().get("errors").get(0).get("field").asString())
                .isEqualTo("userId");
    }

    @Test
    void raisingTheSeverityIsAnOverrideAndAnnouncesOnlyNewlyRequiredRoles() {
        UUID id = open("Login slow");
        admin.post("/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Error\",\"reason\":\"half of logins\"}")
                .expect(200);
        admin.post("/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Warning\",\"reason\":\"mitigated\"}")
                .expect(200);
        assertThat(requiredEvents(id)).containsExactly(COORDINATOR, EXPERT);

        admin.post(
                        "/api/v1/incidents/" + id + "/severity",
                        "{\"severity\":\"Critical\",\"reason\":\"key customer affected\"}")
                .expect(200);

        assertThat(requiredEvents(id)).containsExactly(COORDINATOR, EXPERT, COORDINATOR, COMMUNICATOR);
        var changes =
                admin.get("/api/v1/incidents/" + id + "/classification-changes").json();
        List<Boolean> overrides = new ArrayList<>();
        changes.forEach(c -> overrides.add(c.get("override").asBoolean()));
        assertThat(overrides).containsExactly(false, false, true);
        var listed = admin.get("/api/v1/incidents/overrides").json().get(0);
        assertThat(listed.get("kind").asString()).isEqualTo("SEVERITY");
        assertThat(listed.get("from").asString()).isEqualTo("Warning");
        assertThat(listed.get("to").asString()).isEqualTo("Critical");
    }

    @Test
    void anIncidentInvolvingMoreThanOneTeamIsComplex() {
        UUID id = open("Database failover");
        var alone = incident(id);
        assertThat(alone.get("complex").asBoolean()).isFalse();
        assertThat(alone.get("involvedTeamIds").size()).isEqualTo(1);

        admin.post("/api/v1/incidents/" + id + "/teams", "{\"teamId\":\"" + team + "\"}")
                .expect(200);
        assertThat(incident(id).get("complex").asBoolean()).isFalse();
        String other = admin.post("/api/v1/teams", "{\"name\":\"dba-" + UUID.randomUUID() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        var complex = admin.post("/api/v1/incidents/" + id + "/teams", "{\"teamId\":\"" + other + "\"}")
                .expect(200)
                .json();

        assertThat(complex.get("complex").asBoolean()).isTrue();
        assertThat(complex.get("involvedTeamIds").get(0).asString()).isEqualTo(team.toString());
        assertThat(complex.get("involvedTeamIds").get(1).asString()).isEqualTo(other);
        assertThat(timeline(id, "incidents.team_involved")).hasSize(1);
        var unknown = admin.post("/api/v1/incidents/" + id + "/teams", "{\"teamId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("teamId");
    }

    @Test
    void theResponseTargetIsMetOrBreachedAndBreachesAreCountedOnce() {
        double breachesBefore = breaches();

        UUID met = open("Met");
        var pending = admin.post(
                        "/api/v1/incidents/" + met + "/severity", "{\"severity\":\"Critical\",\"reason\":\"big\"}")
                .expect(200)
                .json()
                .get("responseTarget");
        assertThat(pending.get("target").asString()).isEqualTo("PT15M");
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        clock.advance(Duration.ofMinutes(10));
        var acknowledged = admin.post("/api/v1/incidents/" + met + "/acknowledge", "")
                .expect(200)
                .json()
                .get("responseTarget");
        assertThat(acknowledged.get("status").asString()).isEqualTo("MET");
        assertThat(acknowledged.get("acknowledgedAfter").asString()).isEqualTo("PT10M");

        UUID late = open("Late");
        admin.post("/api/v1/incidents/" + late + "/severity", "{\"severity\":\"Critical\",\"reason\":\"big\"}")
                .expect(200);
        clock.advance(Duration.ofMinutes(16));
        assertThat(incident(late).get("responseTarget").get("status").asString())
                .isEqualTo("BREACHED");
        assertThat(numbers("targetBreached=true")).contains(number(late)).doesNotContain(number(met));
        assertThat(numbers("targetBreached=false")).contains(number(met)).doesNotContain(number(late));
        assertThat(breaches()).isEqualTo(breachesBefore);
        admin.post("/api/v1/incidents/" + late + "/acknowledge", "").expect(200);
        admin.post("/api/v1/incidents/" + late + "/acknowledge", "").expect(200);
        assertThat(breaches()).isEqualTo(breachesBefore + 1);
        assertThat(incident(late).get("responseTarget").get("acknowledgedAfter").asString())
                .isEqualTo("PT16M");
        assertThat(timeline(late, "incidents.response_target_breached")).hasSize(1);

        UUID unclassified = open("Classified late");
        assertThat(incident(unclassified).get("responseTarget").get("status").asString())
                .isEqualTo("NONE");
        clock.advance(Duration.ofMinutes(40));
        var breached = admin.post(
                        "/api/v1/incidents/" + unclassified + "/severity",
                        "{\"severity\":\"Error\",\"reason\":\"half the users\"}")
                .expect(200)
                .json()
                .get("responseTarget");
        assertThat(breached.get("status").asString()).isEqualTo("BREACHED");
        assertThat(breaches()).isEqualTo(breachesBefore + 2);
        admin.post("/api/v1/incidents/" + unclassified + "/acknowledge", "").expect(200);
        assertThat(breaches()).isEqualTo(breachesBefore + 2);
    }

    @Test
    void concurrentPriorityChangesAreRecordedInOrderAndTheLastOneWins() throws Exception {
        UUID id = open("Contended");
        var start = new CountDownLatch(1);
        var a = CompletableFuture.runAsync(() -> changePriorities(id, start, "P1", "P2", "a"));
        var b = CompletableFuture.runAsync(() -> changePriorities(id, start, "P3", "P4", "b"));
        start.countDown();
        a.get();
        b.get();

        var changes =
                admin.get("/api/v1/incidents/" + id + "/classification-changes").json();
        assertThat(changes.size()).isEqualTo(40);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).get("from").asString())
                    .as("change %d starts where change %d ended", i, i - 1)
                    .isEqualTo(changes.get(i - 1).get("to").asString());
        }
        var lines = timeline(id, "incidents.priority_changed");
        assertThat(lines).hasSize(40);
        String finalPriority = incident(id).get("priority").asString();
        assertThat(finalPriority).isEqualTo(last(changes).get("to").asString());
        assertThat(last(lines).get("subject").asString()).isEqualTo(finalPriority);
    }

    @Test
    void theListFiltersByPriorityAndSeverityAndSortsWithACursor() {
        UUID i0 = open("i0", "P3", "rule");
        UUID i1 = open("i1", "P1", "rule");
        UUID i2 = open("i2", "P3", "rule");
        UUID i3 = open("i3");
        UUID i4 = open("i4", "P2", "rule");
        severity(i0, "Warning");
        severity(i1, "Critical");
        severity(i4, "Critical");
        severity(i3, "Error");

        assertThat(titles("priority=P3")).containsExactly("i2", "i0");
        assertThat(titles("priority=P3&priority=P1")).containsExactly("i2", "i1", "i0");
        assertThat(titles("severity=Critical")).containsExactly("i4", "i1");
        assertThat(titles("priority=P3&severity=Warning")).containsExactly("i0");

        assertThat(allPages("sort=priority", 2)).containsExactly("i1", "i4", "i2", "i0", "i3");
        assertThat(allPages("sort=severity", 2)).containsExactly("i4", "i1", "i3", "i0", "i2");
        assertThat(allPages("sort=created", 2)).containsExactly("i4", "i3", "i2", "i1", "i0");

        String createdCursor = admin.get("/api/v1/incidents?serviceId=" + service + "&limit=1")
                .json()
                .get("nextCursor")
                .asString();
        var mixed = admin.get("/api/v1/incidents?serviceId=" + service + "&sort=priority&cursor=" + createdCursor);
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        var badSort = admin.get("/api/v1/incidents?sort=loudest");
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
    }

    @Test
    void aFrequencyRuleRaisesThePriorityOnlyWhenMoreUrgent() {
        UUID id = open("Flapping disk", "P4", "P4 by rule 'disk full'");

        boolean raised = transactions.execute(
                tx -> signals.escalatePriority(id, "P2", "broken more than 3 times within an hour", clock.instant()));
        boolean lowered =
                transactions.execute(tx -> signals.escalatePriority(id, "P3", "broken twice", clock.instant()));

        assertThat(raised).isTrue();
        assertThat(lowered).isFalse();
        var incident = incident(id);
        assertThat(incident.get("priority").asString()).isEqualTo("P2");
        assertThat(incident.get("rulePriority").asString()).isEqualTo("P2");
        assertThat(last(timeline(id, "incidents.priority_changed"))
                        .get("message")
                        .asString())
                .isEqualTo("Priority raised from P4 to P2: broken more than 3 times within an hour");

        admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P1\",\"reason\":\"key customer\"}")
                .expect(200);
        admin.post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P3\",\"reason\":\"false alarm\"}")
                .expect(200);
        List<Boolean> overrides = new ArrayList<>();
        admin.get("/api/v1/incidents/" + id + "/classification-changes")
                .json()
                .forEach(c -> overrides.add(c.get("override").asBoolean()));
        assertThat(overrides).containsExactly(false, false, true, false);
    }

    private void changePriorities(UUID id, CountDownLatch start, String first, String second, String who) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 20; i++) {
            String priority = i % 2 == 0 ? first : second;
            admin.post(
                            "/api/v1/incidents/" + id + "/priority",
                            "{\"priority\":\"" + priority + "\",\"reason\":\"" + who + " " + i + "\"}")
                    .expect(200);
        }
    }

    private List<String> allPages(String query, int limit) {
        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            var page = admin.get("/api/v1/incidents?serviceId=" + service + "&" + query + "&limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200)
                    .json();
            page.get("items").forEach(i -> titles.add(i.get("title").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null && titles.size() < 50);
        return titles;
    }

    private List<String> titles(String query) {
        List<String> titles = new ArrayList<>();
        admin.get("/api/v1/incidents?serviceId=" + service + "&" + query)
                .expect(200)
                .json()
                .get("items")
                .forEach(i -> titles.add(i.get("title").asString()));
        return titles;
    }

    private List<Long> numbers(String query) {
        List<Long> numbers = new ArrayList<>();
        admin.get("/api/v1/incidents?serviceId=" + service + "&" + query)
                .expect(200)
                .json()
                .get("items")
                .forEach(i -> numbers.add(i.get("number").asLong()));
        return numbers;
    }

    private long number(UUID id) {
        return incident(id).get("number").asLong();
    }

    private void severity(UUID id, String severity) {
        admin.post(
                        "/api/v1/incidents/" + id + "/severity",
                        "{\"severity\":\"" + severity + "\",\"reason\":\"assessed\"}")
                .expect(200);
    }

    private double breaches() {
        var counter = meters.find(ResponseTargetMetrics.BREACHES).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> requiredEvents(UUID id) {
        return events.ofType(IncidentRoleRequired.class).stream()
                .filter(e -> e.incidentId().equals(id))
                .map(IncidentRoleRequired::role)
                .toList();
    }

    private String createUser(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return admin.post("/api/v1/users", "{\"name\":\"" + name + "\",\"email\":\"u-" + suffix + "@example.com\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private JsonNode incident(UUID id) {
        return admin.get("/api/v1/incidents/" + id).expect(200).json();
    }

    private List<JsonNode> timeline(UUID id, String kind) {
        List<JsonNode> lines = new ArrayList<>();
        admin.get("/api/v1/incidents/" + id + "/timeline").expect(200).json().forEach(e -> {
            if (e.get("kind").asString().equals(kind)) {
                lines.add(e);
            }
        });
        return lines;
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static JsonNode last(List<JsonNode> list) {
        return list.get(list.size() - 1);
    }

    private static List<String> roles(JsonNode incident) {
        List<String> roles = new ArrayList<>();
        incident.get("roles")
                .forEach(r -> roles.add(r.get("role").asString() + "="
                        + (r.get("userName").isNull() ? "" : r.get("userName").asString())));
        return roles;
    }

    private static List<String> steps(JsonNode incident) {
        List<String> steps = new ArrayList<>();
        incident.get("processSteps").forEach(s -> steps.add(s.get("step").asString()));
        return steps;
    }

    private UUID open(String title) {
        return open(title, null, null);
    }

    private UUID open(String title, String priority, String reason) {
        return open(title, priority, reason, 0);
    }

    private UUID open(String title, String priority, String reason, int version) {
        return transactions.execute(tx -> signals.open(new NewAlertSignal(
                service,
                UUID.randomUUID(),
                "key-" + UUID.randomUUID(),
                title,
                "critical",
                Actor.integration(UUID.randomUUID(), "test integration"),
                clock.instant(),
                priority,
                reason,
                version)));
    }
}
