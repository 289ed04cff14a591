package dev.klaxon.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A policy belongs to a team or to the whole organisation; a service uses its own team's policies or
 * organisation-wide ones, so no other team decides who gets paged for it.
 */
@KlaxonIntegrationTest
class EscalationPolicyOwnershipIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void aServiceUsesOnlyItsTeamsOrTheOrganisationsPoliciesAndAPolicyInUseDoesNotMoveAway() {
        var admin = Api.asAdmin(port);
        String teamA = team(admin, "owners");
        String teamB = team(admin, "others");
        String policyOfA = policy(admin, teamA);
        String policyOfB = policy(admin, teamB);
        String service = admin.post("/api/v1/services", """
                        {"name":"svc-%s","teamId":"%s","escalationPolicyId":"%s"}""".formatted(suffix(), teamA, policyOfA))
                .expect(201)
                .json()
                .get("id")
                .asString();

        var foreign = admin.put("/api/v1/services/" + service, "{\"escalationPolicyId\":\"" + policyOfB + "\"}");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("escalationPolicyId");
        assertThat(foreign.json().get("errors").get(0).get("message").asString())
                .contains("another team");

        var policy = admin.get("/api/v1/escalation-policies/" + policyOfA)
                .expect(200)
                .json();
        var moved = admin.put("/api/v1/escalation-policies/" + policyOfA, """
                {"teamId":"%s","name":"%s","levels":[{"timeout":"PT5M","targets":[{"type":"role","role":"Primary on-call"}]}]}""".formatted(
                        teamB, policy.get("name").asString()));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.json().get("detail").asString()).contains("svc-");
        assertThat(admin.get("/api/v1/escalation-policies/" + policyOfA)
                        .json()
                        .get("teamId")
                        .asString())
                .isEqualTo(teamA);
        assertThat(admin.get("/api/v1/services/" + service)
                        .json()
                        .get("escalationPolicyId")
                        .asString())
                .isEqualTo(policyOfA);
    }

    private static String team(Api admin, String prefix) {
        return admin.post("/api/v1/teams", "{\"name\":\"" + prefix + "-" + suffix() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private static String policy(Api admin, String team) {
        return admin.post("/api/v1/escalation-policies", """
                        {"teamId":"%s","name":"policy-%s","levels":[{"timeout":"PT5M","targets":[{"type":"role","role":"Primary on-call"}]}]}""".formatted(team, suffix()))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
