package dev.klaxon.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@KlaxonIntegrationTest
class ServicesApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aServiceNeedsAnExistingTeam() {
        var response = Api.asAdmin(port)
                .post("/api/v1/services", "{\"name\":\"orphan\",\"teamId\":\"" + UUID.randomUUID() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("teamId");
    }

    @Test
    void aServiceCanBeRenamedAndItsAutoResolveChanged() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("rename");

        var updated = admin.put(
                        "/api/v1/services/" + service, "{\"name\":\"renamed-" + service + "\",\"autoResolve\":false}")
                .expect(200)
                .json();

        assertThat(updated.get("name").asString()).isEqualTo("renamed-" + service);
        assertThat(updated.get("autoResolve").asBoolean()).isFalse();
        assertThat(admin.get("/api/v1/services/" + service)
                        .json()
                        .get("autoResolve")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anIntegrationKeyIsShownOnceAndStoredHashed() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("keys");

        var created = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"alertmanager\"}")
                .expect(201)
                .json();
        String key = created.get("key").asString();

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(created.get("url").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/api/v1/integrations/alertmanager/" + key);
        assertThat(created.get("integration").get("type").asString()).isEqualTo("alertmanager");
        var listed = admin.get("/api/v1/services/" + service + "/integrations").expect(200);
        assertThat(listed.body()).doesNotContain(key);
        assertThat(jdbc.sql("SELECT key_hash FROM services_integrations WHERE service_id = ?")
                        .param(service)
                        .query(String.class)
                        .single())
                .hasSize(64)
                .isNotEqualTo(key);
    }

    @Test
    void anEventsIntegrationPointsAtTheEnqueueUrlAndCanBeDisabled() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("events");
        var created = admin.post(
                        "/api/v1/services/" + service + "/integrations",
                        "{\"type\":\"events-v2\",\"name\":\"grafana\",\"rateLimitPerMinute\":60}")
                .expect(201)
                .json();
        String id = created.get("integration").get("id").asString();
        assertThat(created.get("url").asString()).endsWith("/v2/enqueue");
        assertThat(created.get("integration").get("rateLimitPerMinute").asInt()).isEqualTo(60);

        var disabled = admin.send("PATCH", "/api/v1/integrations/" + id, "{\"enabled\":false}")
                .expect(200)
                .json();

        assertThat(disabled.get("enabled").asBoolean()).isFalse();
    }

    @Test
    void anUnknownIntegrationTypeIsRefusedWithTheAllowedOnes() {
        var admin = Api.asAdmin(port);
        UUID service = admin.createService("badtype");

        var response = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"nagios\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM services_integrations WHERE service_id = ?")
                        .param(service)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
