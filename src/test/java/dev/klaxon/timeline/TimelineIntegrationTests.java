package dev.klaxon.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.common.Actor;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Modules write to one ordered stream per incident, only of kinds they declared, with labels and payloads. */
@KlaxonIntegrationTest
class TimelineIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Timeline timeline;

    @Test
    void everyModuleDeclaresItsOwnKindsAndNothingElseCanBeWritten() {
        assertThat(timeline.kinds())
                .extracting(EntryKind::key)
                .contains(
                        "incidents.opened",
                        "incidents.note",
                        "escalation.escalated",
                        "notify.paged",
                        "notify.delivery_failed")
                .doesNotHaveDuplicates();
        assertThat(timeline.kinds())
                .filteredOn(kind -> kind.key().equals("incidents.opened"))
                .singleElement()
                .extracting(EntryKind::label)
                .isEqualTo("Incident opened");

        UUID incident = openIncident();
        int before = entries(incident).size();
        assertThatThrownBy(() -> timeline.append(
                        incident, Instant.now(), EntryKind.of("incidents", "made_up"), Actor.SYSTEM, null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not declared");
        assertThat(entries(incident)).hasSize(before);
    }

    @Test
    void entriesComeBackInWritingOrderWithTheirLabelAndPayload() {
        UUID incident = openIncident();
        long id = timeline.append(new NewEntry(
                incident,
                Instant.parse("2026-11-23T10:00:00Z"),
                EntryKind.parse("incidents.note"),
                Actor.user(UUID.randomUUID(), "Ann"),
                null,
                "Rolled back the deploy",
                Map.of("deploy", "v42", "rollback", true)));

        JsonNode entries = entries(incident);
        JsonNode last = entries.get(entries.size() - 1);
        assertThat(last.get("id").asLong()).isEqualTo(id);
        assertThat(last.get("kind").asString()).isEqualTo("incidents.note");
        assertThat(last.get("label").asString()).isEqualTo("Note");
        assertThat(last.get("payload").get("deploy").asString()).isEqualTo("v42");
        assertThat(last.get("payload").get("rollback").asBoolean()).isTrue();
        assertThat(entries.get(0).get("kind").asString()).isEqualTo("incidents.alert_received");
        assertThat(entries.get(1).get("label").asString()).isEqualTo("Incident opened");
        assertThat(entries.get(1).get("payload").size()).isZero();
    }

    private UUID openIncident() {
        var admin = Api.asAdmin(port);
        return admin.openIncident(admin.createService("timeline"), "Timeline test");
    }

    private JsonNode entries(UUID incident) {
        return Api.asAdmin(port)
                .get("/api/v1/incidents/" + incident + "/timeline")
                .expect(200)
                .json();
    }
}
