package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/users/{id}/contact-methods} and {@code /notification-rules} over real HTTP. */
class ContactMethodsApiIntegrationTests extends NotifyTestSupport {

    @Test
    void aContactMethodIsCreatedWithAnImmediateRuleListedAndDeleted() {
        UUID user = createUser("Contact Carla");
        JsonNode created = admin.post("/api/v1/users/" + user + "/contact-methods", """
                        {"type":"email","address":" Carla@Example.com ","label":"work"}""")
                .expect(201)
                .json();
        assertThat(created.get("type").asString()).isEqualTo("email");
        assertThat(created.get("address").asString()).isEqualTo("carla@example.com");
        assertThat(created.get("label").asString()).isEqualTo("work");
        assertThat(created.get("userId").asString()).isEqualTo(user.toString());
        assertThat(created.get("createdAt").isNull()).isFalse();
        String id = created.get("id").asString();

        JsonNode rules = admin.get("/api/v1/users/" + user + "/notification-rules")
                .expect(200)
                .json();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("contactMethodId").asString()).isEqualTo(id);
        assertThat(rules.get(0).get("delayMinutes").asInt()).isZero();

        assertThat(admin.get("/api/v1/users/" + user + "/contact-methods")
                        .expect(200)
                        .json())
                .hasSize(1);
        admin.delete("/api/v1/users/" + user + "/contact-methods/" + id).expect(204);
        assertThat(admin.get("/api/v1/users/" + user + "/contact-methods")
                        .expect(200)
                        .json())
                .isEmpty();
        assertThat(admin.get("/api/v1/users/" + user + "/notification-rules")
                        .expect(200)
                        .json())
                .isEmpty();
        admin.delete("/api/v1/users/" + user + "/contact-methods/" + id).expect(404);
    }

    @Test
    void notifyImmediatelyFalseCreatesNoRule() {
        UUID user = createUser("Quiet Quinn");
        admin.post("/api/v1/users/" + user + "/contact-methods", """
                        {"type":"sms","address":"+4915112345678","notifyImmediately":false}""").expect(201);
        assertThat(admin.get("/api/v1/users/" + user + "/notification-rules")
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void addressesAreValidatedPerTypeWithFieldErrorsAndNothingIsStored() {
        UUID user = createUser("Invalid Ivy");
        String path = "/api/v1/users/" + user + "/contact-methods";
        assertField(admin.post(path, "{\"type\":\"email\",\"address\":\"not-an-address\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"webhook\",\"address\":\"ftp://example.com/hook\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"slack\",\"address\":\"/relative/path\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"sms\",\"address\":\"015112345678\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"voice\",\"address\":\"+1234567\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"voice\",\"address\":\"+1234567890123456\"}"), "address");
        assertField(admin.post(path, "{\"type\":\"pigeon\",\"address\":\"roof\"}"), "type");
        assertField(admin.post(path, "{\"type\":\"email\"}"), "address");
        assertField(
                admin.post(path, "{\"type\":\"email\",\"address\":\"a@b.co\",\"label\":\"" + "x".repeat(101) + "\"}"),
                "label");
        assertThat(admin.get(path).expect(200).json()).isEmpty();

        admin.post(path, "{\"type\":\"voice\",\"address\":\"+12345678\"}").expect(201);
        admin.post(path, "{\"type\":\"webhook\",\"address\":\"https://hooks.example.com/x?y=1\"}")
                .expect(201);
        admin.post(path, "{\"type\":\"voice\",\"address\":\"+12345678\"}").expect(409);
    }

    @Test
    void rulesAreValidatedAndUniquePerMethodAndDelay() {
        UUID user = createUser("Rule Ruth");
        UUID other = createUser("Other Otto");
        UUID method = addContact(user, "email", unique("ruth") + "@example.com");
        UUID othersMethod = addContact(other, "email", unique("otto") + "@example.com");
        String path = "/api/v1/users/" + user + "/notification-rules";

        assertField(
                admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":1441}".formatted(method)),
                "delayMinutes");
        assertField(
                admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":-1}".formatted(method)), "delayMinutes");
        assertField(
                admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":5}".formatted(othersMethod)),
                "contactMethodId");
        assertField(admin.post(path, "{\"delayMinutes\":5}"), "contactMethodId");
        assertField(
                admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":\"soon\"}".formatted(method)),
                "delayMinutes");

        String rule = admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":1440}".formatted(method))
                .expect(201)
                .json()
                .get("id")
                .asString();
        admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":1440}".formatted(method))
                .expect(409);
        admin.post(path, "{\"contactMethodId\":\"%s\",\"delayMinutes\":0}".formatted(method))
                .expect(409);
        assertThat(admin.get(path).expect(200).json()).hasSize(2);
        admin.delete(path + "/" + rule).expect(204);
        assertThat(admin.get(path).expect(200).json()).hasSize(1);
    }

    @Test
    void peopleManageTheirOwnContactMethodsOnlyAndAdminsAnyones() {
        String password = "a-long-password-for-tests";
        UUID alice = createUser("Self Alice", password);
        UUID bob = createUser("Self Bob", password);
        Api asAlice = Api.basic(port, username(alice), password);

        asAlice.post(
                        "/api/v1/users/" + alice + "/contact-methods",
                        "{\"type\":\"email\",\"address\":\"alice@example.com\"}")
                .expect(201);
        asAlice.get("/api/v1/users/" + alice + "/contact-methods").expect(200);
        asAlice.post(
                        "/api/v1/users/" + bob + "/contact-methods",
                        "{\"type\":\"email\",\"address\":\"evil@example.com\"}")
                .expect(403);
        asAlice.get("/api/v1/users/" + bob + "/contact-methods").expect(403);
        Api.anonymous(port).get("/api/v1/users/" + alice + "/contact-methods").expect(401);
        admin.post("/api/v1/users/" + bob + "/contact-methods", "{\"type\":\"email\",\"address\":\"bob@example.com\"}")
                .expect(201);
        assertThat(admin.get("/api/v1/users/" + bob + "/contact-methods")
                        .expect(200)
                        .json())
                .hasSize(1);
        admin.get("/api/v1/users/" + UUID.randomUUID() + "/contact-methods").expect(404);
    }

    private static void assertField(Api.Response response, String field) {
        response.expect(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
