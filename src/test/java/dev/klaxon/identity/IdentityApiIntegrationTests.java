package dev.klaxon.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@KlaxonIntegrationTest
class IdentityApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApiRefusesAnonymousCallersWithAProblemDetail() {
        var response = Api.anonymous(port).get("/api/v1/teams");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThat(Api.basic(port, "admin", "not-the-password")
                        .get("/api/v1/teams")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void healthIsOpenButMetricsAreNot() {
        assertThat(Api.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(Api.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
        var metrics = Api.asAdmin(port).get("/actuator/prometheus", "text/plain");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var doc = Api.asAdmin(port).get("/api/v1/openapi.json").expect(200).json();

        assertThat(doc.get("paths").has("/api/v1/teams")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/incidents")).isTrue();
        // Intake is served outside Spring MVC and described by hand.
        assertThat(doc.at("/paths/~1v2~1enqueue/post/responses").has("202")).isTrue();
        assertThat(doc.at("/paths/~1v2~1change~1enqueue/post/responses").has("202"))
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1integrations~1alertmanager~1{integrationKey}/parameters/0/name")
                        .stringValue())
                .isEqualTo("integrationKey");
    }

    @Test
    void teamNamesAreUniqueAndInvalidInputNamesTheField() {
        var admin = Api.asAdmin(port);
        String name = "team-" + UUID.randomUUID();
        admin.post("/api/v1/teams", "{\"name\":\"" + name + "\"}").expect(201);

        var duplicate = admin.post("/api/v1/teams", "{\"name\":\"" + name + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").asString()).contains(name);

        var blank = admin.post("/api/v1/teams", "{\"name\":\"  \",\"description\":7}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

        var tooLong = admin.post("/api/v1/teams", "{\"name\":\"" + "x".repeat(101) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("message").asString())
                .contains("100");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_teams WHERE name = ?")
                        .param(name)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void onlyAdministratorsCreateUsersAndUsersCanBeCreatedFromNameAndEmail() {
        var admin = Api.asAdmin(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        admin.post(
                        "/api/v1/users",
                        "{\"username\":\"eve-" + suffix + "\",\"name\":\"Eve\",\"password\":\"eve-password-123\"}")
                .expect(201);
        var pagedOnly = admin.post("/api/v1/users", "{\"name\":\"Pat\",\"email\":\"pat-" + suffix + "@example.com\"}")
                .expect(201)
                .json();
        assertThat(pagedOnly.get("username").asString()).isEqualTo("pat-" + suffix + "@example.com");

        var eve = Api.basic(port, "eve-" + suffix, "eve-password-123");
        assertThat(eve.get("/api/v1/me").expect(200).json().get("role").asString())
                .isEqualTo("member");
        assertThat(eve.post("/api/v1/users", "{\"username\":\"mallory-" + suffix + "\",\"name\":\"M\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void apiTokensAreShownOnceStoredHashedAndCanBeRevoked() {
        var admin = Api.asAdmin(port);
        var created =
                admin.post("/api/v1/tokens", "{\"name\":\"ci\"}").expect(201).json();
        String secret = created.get("secret").asString();
        String id = created.get("token").get("id").asString();

        assertThat(secret).startsWith("kx_").hasSizeGreaterThan(40);
        assertThat(Api.bearer(port, secret).get("/api/v1/teams").status()).isEqualTo(200);
        String stored = jdbc.sql("SELECT token_hash FROM identity_api_tokens WHERE id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
        assertThat(stored).hasSize(64).doesNotContain(secret.substring(3));
        assertThat(admin.get("/api/v1/tokens").body()).doesNotContain(secret);

        admin.delete("/api/v1/tokens/" + id).expect(204);

        var afterRevoke = Api.bearer(port, secret).get("/api/v1/teams");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.contentType()).startsWith("application/problem+json");
        assertThat(Api.bearer(port, "kx_forged").get("/api/v1/teams").status()).isEqualTo(401);
    }

    @Test
    void unknownPathsUnderTheApiAnswerWithAProblemDetail() {
        var response = Api.asAdmin(port).get("/api/v1/no-such-thing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
