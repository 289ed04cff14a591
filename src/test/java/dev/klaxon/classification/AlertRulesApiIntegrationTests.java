package dev.klaxon.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KlaxonIntegrationTest
class AlertRulesApiIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void rulesAreCreatedListedReorderedAndDeleted() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("rules-api");
        var first = admin.post(
                        "/api/v1/services/" + service + "/alert-rules",
                        "{\"conditions\":[{\"field\":\"payload.severity\",\"op\":\"equals\",\"value\":\"critical\"}],\"priority\":\"P1\"}")
                .expect(201)
                .json();
        assertThat(first.get("name").asString()).isEqualTo("payload.severity equals critical");
        var second = admin.post(
                        "/api/v1/services/" + service + "/alert-rules",
                        "{\"name\":\"noise\",\"conditions\":[{\"field\":\"labels.severity\",\"op\":\"exists\"}],\"priority\":null}")
                .expect(201)
                .json();
        assertThat(second.get("priority").isNull()).isTrue();

        admin.put(
                        "/api/v1/services/" + service + "/alert-rules/order",
                        "{\"ruleIds\":[\"" + second.get("id").asString() + "\",\""
                                + first.get("id").asString() + "\"]}")
                .expect(200);
        assertThat(names(admin.get("/api/v1/services/" + service + "/alert-rules")
                        .json()))
                .containsExactly("noise", "payload.severity equals critical");

        admin.delete("/api/v1/alert-rules/" + second.get("id").asString()).expect(204);
        assertThat(names(admin.get("/api/v1/services/" + service + "/alert-rules")
                        .json()))
                .containsExactly("payload.severity equals critical");
    }

    @Test
    void invalidRulesAreRefusedWithEveryProblemAndNothingStored() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("rules-bad");

        var response = admin.post("/api/v1/services/" + service + "/alert-rules", """
                {"conditions":[{"field":"payload.colour","op":"equals","value":"red"},
                               {"field":"labels.x","op":"regex","value":"(unclosed"},
                               {"field":"labels.y","op":"equals"}],
                 "priority":"P9","frequency":[{"moreThan":0,"within":"PT0S","priority":"P2"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response.json()))
                .contains(
                        "conditions[0].field",
                        "conditions[1].value",
                        "conditions[2].value",
                        "priority",
                        "frequency[0].moreThan",
                        "frequency[0].within");
        var unknownOp = admin.post(
                "/api/v1/services/" + service + "/alert-rules",
                "{\"conditions\":[{\"field\":\"labels.x\",\"op\":\"contains\",\"value\":\"a\"}],\"priority\":\"P1\"}");
        assertThat(unknownOp.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/services/" + service + "/alert-rules")
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void theServiceDefaultAndSloPrioritiesAreSetThroughTheApi() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("rules-default");
        assertThat(admin.get("/api/v1/services/" + service + "/alert-rules/default")
                        .status())
                .isEqualTo(404);

        admin.put("/api/v1/services/" + service + "/alert-rules/default", "{\"priority\":\"P3\"}")
                .expect(200);
        assertThat(admin.get("/api/v1/services/" + service + "/alert-rules/default")
                        .json()
                        .get("priority")
                        .asString())
                .isEqualTo("P3");

        String slo = admin.post("/api/v1/slos", """
                        {"serviceId":"%s","name":"Checkout works","objective":99.9,"window":"P30D","priority":"P3"}""".formatted(service))
                .expect(201)
                .json()
                .get("id")
                .asString();
        admin.put("/api/v1/slos/" + slo + "/priority", "{\"priority\":\"P2\",\"frequency\":[]}")
                .expect(200);
        admin.put("/api/v1/slos/" + slo + "/priority", "{\"priority\":null}").expect(200);
        var history = admin.get("/api/v1/slos/" + slo + "/priority/history").json();
        assertThat(history.size())
                .as("the priority given at creation, then the two changes")
                .isEqualTo(3);
        assertThat(history.get(0).get("priority").isNull()).isTrue();
        assertThat(admin.put("/api/v1/slos/" + slo + "/priority", "{\"priority\":\"P0\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/slos/" + UUID.randomUUID() + "/priority", "{\"priority\":\"P2\"}")
                        .status())
                .as("an SLO that does not exist has no priority to set")
                .isEqualTo(404);
    }

    private static List<String> names(JsonNode rules) {
        List<String> names = new ArrayList<>();
        rules.forEach(r -> names.add(r.get("name").asString()));
        return names;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
