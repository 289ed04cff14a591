package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.RecordingHttpServer;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Acknowledge links over real HTTP without signing in: valid, reused, expired, forged, resolved, role pages. */
class AckLinkIntegrationTests extends NotifyTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordingHttpServer receiver;
    private Api anonymous;

    @BeforeEach
    void receiver() throws Exception {
        receiver = RecordingHttpServer.answering();
        anonymous = Api.anonymous(port);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** Pages a new person for a new incident and returns the token from the delivered webhook. */
    private Paged paged(String name, PageReason reason, String role) {
        UUID user = createUser(name);
        String path = "/" + unique("hook");
        addContact(user, "webhook", receiver.url(path));
        UUID incident = openIncident(unique("Ack test"));
        page(new PageRequest(
                incident,
                user,
                reason == PageReason.ROLE ? "role:" + role : "L1.C0",
                reason,
                1,
                role,
                clock.instant()));
        deliveries.sendDue();
        var delivered = receiver.received().stream()
                .filter(r -> r.path().equals(path))
                .findFirst()
                .orElseThrow();
        String url = JSON.readTree(delivered.body()).get("acknowledgeUrl").asString();
        return new Paged(user, incident, tokenOf(url));
    }

    record Paged(UUID user, UUID incident, String token) {}

    @Test
    void aValidLinkAcknowledgesTheIncidentAsThePagedPersonOnce() {
        Paged paged = paged("Ack Anna", PageReason.ESCALATION, null);

        JsonNode preview = anonymous.get("/ack/" + paged.token()).expect(200).json();
        assertThat(preview.get("outcome").asString()).isEqualTo("VALID");
        assertThat(incidents.get(paged.incident()).status().name()).isEqualTo("TRIGGERED"); // GET changes nothing

        JsonNode done =
                anonymous.post("/ack/" + paged.token(), null).expect(200).json();
        assertThat(done.get("outcome").asString()).isEqualTo("ACKNOWLEDGED");
        var incident = incidents.get(paged.incident());
        assertThat(incident.status().name()).isEqualTo("ACKNOWLEDGED");
        assertThat(incident.acknowledgedBy()).isEqualTo("Ack Anna");
        assertThat(timeline(paged.incident(), "notify.page_acknowledged"))
                .singleElement()
                .satisfies(line -> assertThat(line.actor().id()).isEqualTo(paged.user()));

        var reused = anonymous.post("/ack/" + paged.token(), null).expect(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("outcome").asString()).isEqualTo("ALREADY_USED");
        assertThat(timeline(paged.incident(), "notify.page_acknowledged")).hasSize(1);
    }

    @Test
    void theBrowserPageShowsAButtonAndTheOutcome() {
        Paged paged = paged("Html Hank", PageReason.ESCALATION, null);

        var page = anonymous.get("/ack/" + paged.token(), "text/html").expect(200);
        assertThat(page.body()).contains("id=\"ack-button\"").contains("Html Hank");
        var answer = anonymous.send("POST", "/ack/" + paged.token(), new byte[0], "application/x-www-form-urlencoded");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(incidents.get(paged.incident()).status().name()).isEqualTo("ACKNOWLEDGED");
        var again = anonymous.get("/ack/" + paged.token(), "text/html").expect(409);
        assertThat(again.body()).contains("already been used").doesNotContain("id=\"ack-button\"");
    }

    @Test
    void anExpiredLinkIsRefusedAndChangesNothing() {
        Paged paged = paged("Late Lena", PageReason.ESCALATION, null);
        clock.advance(Duration.ofHours(24));

        var expired = anonymous.post("/ack/" + paged.token(), null).expect(410);
        assertThat(expired.json().get("outcome").asString()).isEqualTo("EXPIRED");
        assertThat(incidents.get(paged.incident()).status().name()).isEqualTo("TRIGGERED");
        assertThat(timeline(paged.incident(), "notify.page_acknowledged")).isEmpty();
    }

    @Test
    void aDeactivatedPersonsLinkNoLongerWorks() {
        Paged paged = paged("Gone Gina", PageReason.ESCALATION, null);
        admin.send("PATCH", "/api/v1/users/" + paged.user(), "{\"active\":false}")
                .expect(200);

        var refused = anonymous.post("/ack/" + paged.token(), null).expect(409);
        assertThat(refused.json().get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.json().get("detail").asString()).contains("deactivated");
        assertThat(incidents.get(paged.incident()).status().name()).isEqualTo("TRIGGERED");
        assertThat(timeline(paged.incident(), "notify.page_acknowledged")).isEmpty();
    }

    @Test
    void aForgedOrGarbledLinkIsNotFound() {
        Paged paged = paged("Forge Fred", PageReason.ESCALATION, null);
        byte[] bytes = Base64.getUrlDecoder().decode(paged.token());
        bytes[bytes.length - 1] ^= 0x01;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] otherPage = Base64.getUrlDecoder().decode(paged.token());
        otherPage[3] ^= 0x10; // a different page id under the original signature
        String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(otherPage);

        assertThat(anonymous
                        .post("/ack/" + forged, null)
                        .expect(404)
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("INVALID");
        anonymous.post("/ack/" + swapped, null).expect(404);
        anonymous.post("/ack/not-a-token", null).expect(404);
        anonymous.get("/ack/%20%20", "text/html").expect(404);
        assertThat(incidents.get(paged.incident()).status().name()).isEqualTo("TRIGGERED");

        anonymous.post("/ack/" + paged.token(), null).expect(200); // the real one still works
    }

    @Test
    void aLinkForAResolvedIncidentSaysSo() {
        Paged paged = paged("Resolved Rosa", PageReason.ESCALATION, null);
        admin.post("/api/v1/incidents/" + paged.incident() + "/resolve", "{}").expect(200);

        var answer = anonymous.post("/ack/" + paged.token(), null).expect(409);
        assertThat(answer.json().get("outcome").asString()).isEqualTo("RESOLVED");
        assertThat(answer.json().get("detail").asString()).contains("resolved");
    }

    @Test
    void aRolePageLinkGivesThePagedPersonTheRole() {
        Paged paged = paged("Coordinator Cleo", PageReason.ROLE, "Incident coordinator");

        JsonNode done =
                anonymous.post("/ack/" + paged.token(), null).expect(200).json();

        assertThat(done.get("outcome").asString()).isEqualTo("ROLE_ACCEPTED");
        var incident = incidents.get(paged.incident());
        assertThat(incident.roles()).anySatisfy(role -> {
            assertThat(role.role()).isEqualTo("Incident coordinator");
            assertThat(role.userId()).isEqualTo(paged.user());
        });
        assertThat(incident.status().name()).isEqualTo("TRIGGERED");
    }
}
