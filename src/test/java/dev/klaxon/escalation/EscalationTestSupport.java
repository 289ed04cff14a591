package dev.klaxon.escalation;

import dev.klaxon.support.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Builds people, policies, services and incidents through the HTTP API, the way a user would. */
final class EscalationTestSupport {

    private final Api api;
    private final JdbcClient jdbc;

    EscalationTestSupport(Api api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static final String PASSWORD = "escalation-test-password";

    private final Map<UUID, String> usernames = new java.util.HashMap<>();

    /** A person who can sign in, with one webhook contact method (notified at once). */
    UUID person(String name) {
        return person(name, "http://127.0.0.1:9/" + name);
    }

    /** A person whose one webhook contact method (notified at once) is {@code webhookUrl}. */
    UUID person(String name, String webhookUrl) {
        String username = unique(name).toLowerCase();
        String id = api.post(
                        "/api/v1/users",
                        "{\"username\":\"" + username + "\",\"name\":\"" + name + "\",\"email\":\"" + username
                                + "@example.com\",\"password\":\"" + PASSWORD + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        usernames.put(UUID.fromString(id), username);
        api.post(
                        "/api/v1/users/" + id + "/contact-methods",
                        "{\"type\":\"webhook\",\"address\":\"" + webhookUrl + "\"}")
                .expect(201);
        return UUID.fromString(id);
    }

    /** The API as this person, signed in with HTTP Basic. */
    Api as(UUID person, int port) {
        return Api.basic(port, usernames.get(person), PASSWORD);
    }

    UUID team() {
        return UUID.fromString(api.post("/api/v1/teams", "{\"name\":\"" + unique("esc-team") + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    UUID policy(String levelsJson, int repeat, String renotifyAfterAck) {
        String body = "{\"name\":\"" + unique("policy") + "\",\"repeat\":" + repeat
                + (renotifyAfterAck == null ? "" : ",\"renotifyAfterAck\":\"" + renotifyAfterAck + "\"")
                + ",\"levels\":" + levelsJson + "}";
        return UUID.fromString(api.post("/api/v1/escalation-policies", body)
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    static String userLevel(String timeout, UUID... users) {
        StringBuilder targets = new StringBuilder();
        for (UUID user : users) {
            if (!targets.isEmpty()) {
                targets.append(',');
            }
            targets.append("{\"type\":\"user\",\"id\":\"").append(user).append("\"}");
        }
        return "{\"timeout\":\"" + timeout + "\",\"targets\":[" + targets + "]}";
    }

    static String levels(String... levels) {
        return "[" + String.join(",", levels) + "]";
    }

    /** A service of the team with the policy and an Events API v2 integration; returns its routing key. */
    Service service(UUID teamId, UUID policyId) {
        JsonNode service = api.post(
                        "/api/v1/services",
                        "{\"name\":\"" + unique("esc-svc") + "\",\"teamId\":\"" + teamId + "\""
                                + (policyId == null ? "" : ",\"escalationPolicyId\":\"" + policyId + "\"") + "}")
                .expect(201)
                .json();
        String serviceId = service.get("id").asString();
        String key = api.post("/api/v1/services/" + serviceId + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
        return new Service(UUID.fromString(serviceId), key);
    }

    record Service(UUID id, String routingKey) {}

    /** Triggers an alert and returns the incident it opened. */
    UUID trigger(Service service, String summary) {
        String dedupKey = unique("esc");
        api.post(
                        "/v2/enqueue",
                        "{\"routing_key\":\"" + service.routingKey()
                                + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
                                + dedupKey + "\",\"payload\":{\"summary\":\"" + summary
                                + "\",\"source\":\"test\",\"severity\":\"error\"}}")
                .expect(202);
        JsonNode incidents = api.get("/api/v1/incidents?serviceId=" + service.id())
                .expect(200)
                .json()
                .get("items");
        for (JsonNode incident : incidents) {
            if (incident.get("title").asString().equals(summary)) {
                return UUID.fromString(incident.get("id").asString());
            }
        }
        throw new AssertionError("No incident titled " + summary);
    }

    JsonNode escalation(UUID incidentId) {
        return api.get("/api/v1/incidents/" + incidentId + "/escalation")
                .expect(200)
                .json();
    }

    /** Who was paged for which step of an incident, read from the notify module's pages. */
    /**
     * Pages that happened: not staged for a step still to come (whose timeline line is not written yet), and not
     * withdrawn before their time.
     */
    List<Map<String, Object>> pages(UUID incidentId) {
        return jdbc.sql("SELECT step_key, user_id FROM notify_pages WHERE incident_id = ?" + HAPPENED
                        + " ORDER BY paged_at, step_key")
                .param(incidentId)
                .query()
                .listOfRows();
    }

    private static final String HAPPENED = " AND announce_kind IS NULL AND withdrawn_at IS NULL";

    List<UUID> paged(UUID incidentId, String stepKey) {
        return jdbc.sql("SELECT user_id FROM notify_pages WHERE incident_id = ? AND step_key = ?" + HAPPENED)
                .params(incidentId, stepKey)
                .query(UUID.class)
                .list();
    }
}
