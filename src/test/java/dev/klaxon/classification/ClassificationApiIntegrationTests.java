package dev.klaxon.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@KlaxonIntegrationTest
class ClassificationApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDefinitionIsServedAsJsonWithNamedPriorities() {
        var document =
                Api.asAdmin(port).get("/api/v1/classification").expect(200).json();

        assertThat(document.get("version").asInt()).isPositive();
        assertThat(document.get("priorities").get(0).get("name").asString()).isNotBlank();
        assertThat(document.get("severities").size()).isPositive();
    }

    @Test
    void aYamlDocumentRoundTripsAsANewVersion() {
        var admin = Api.asAdmin(port);
        String yaml = admin.get("/api/v1/classification", "application/yaml")
                .expect(200)
                .body();
        int before = admin.get("/api/v1/classification").json().get("version").asInt();
        assertThat(yaml)
                .contains("priorities:")
                .contains("updateCadence: PT2H")
                .contains("version: " + before)
                .doesNotContain("7200");

        String changed = yaml.replace("Majority of users cannot use a core journey", "Checkout is down for everyone");
        var put = admin.send(
                "PUT", "/api/v1/classification", changed.getBytes(StandardCharsets.UTF_8), "application/yaml");

        assertThat(put.status()).isEqualTo(200);
        var after = admin.get("/api/v1/classification").json();
        assertThat(after.get("version").asInt()).isEqualTo(before + 1);
        assertThat(after.get("priorities").get(0).get("criteria").get(0).asString())
                .isEqualTo("Checkout is down for everyone");
        assertThat(admin.get("/api/v1/classification/versions/" + before)
                        .json()
                        .get("priorities")
                        .get(0)
                        .get("criteria")
                        .get(0)
                        .asString())
                .isNotEqualTo("Checkout is down for everyone");
    }

    @Test
    void anInvalidDocumentIsRefusedWholeWithEveryProblem() {
        var admin = Api.asAdmin(port);
        var current = admin.get("/api/v1/classification").json();
        long versions = versions();
        String sixPriorities = """
                priorities:
                  - {name: P1, criteria: [a, b, c, d, e, f]}
                  - {name: P2}
                  - {name: P3}
                  - {name: P4}
                  - {name: P5}
                  - {name: P6}
                severities:
                  - {name: Critical, responseTarget: PT15M, requiredRoles: [Astronaut]}
                matrix:
                  P1: [Critical, Disaster]
                """;

        var response = admin.send(
                "PUT", "/api/v1/classification", sixPriorities.getBytes(StandardCharsets.UTF_8), "application/yaml");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .contains("at most 5 priorities")
                .contains("priorities[0].criteria")
                .contains("severities[0].requiredRoles[0]")
                .contains("matrix.P1[1]")
                .contains("has no entry for P2");
        assertThat(versions()).isEqualTo(versions);
        assertThat(admin.get("/api/v1/classification").json().get("version").asInt())
                .isEqualTo(current.get("version").asInt());
    }

    @Test
    void unknownFieldsAndBadDurationsAreReportedNotIgnored() {
        var admin = Api.asAdmin(port);

        var typo = admin.send(
                "PUT", "/api/v1/classification", "prioritys: []".getBytes(StandardCharsets.UTF_8), "application/yaml");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body()).contains("prioritys");

        var json = admin.put(
                "/api/v1/classification", "{\"priorities\":[{\"name\":\"P1\",\"updateCadence\":\"two hours\"}]}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().get("errors").get(0).get("field").asString()).isEqualTo("priorities[0].updateCadence");
    }

    @Test
    void aStaleVersionIsRefusedInsteadOfOverwritingSomeoneElsesChange() {
        var admin = Api.asAdmin(port);
        String yaml = admin.get("/api/v1/classification", "application/yaml").body();
        admin.send("PUT", "/api/v1/classification", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .expect(200);

        var stale =
                admin.send("PUT", "/api/v1/classification", yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");

        assertThat(stale.status()).isEqualTo(409);
    }

    private long versions() {
        return jdbc.sql("SELECT COUNT(*) FROM classification_versions")
                .query(Long.class)
                .single();
    }
}
