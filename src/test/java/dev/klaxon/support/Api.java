package dev.klaxon.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for tests: requests go through the network stack, the security filters and the
 * message converters exactly as a script's would.
 */
public final class Api {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String authorization;

    private Api(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static Api asAdmin(int port) {
        return basic(port, "admin", KlaxonIntegrationTest.ADMIN_PASSWORD);
    }

    public static Api basic(int port, String user, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api("http://127.0.0.1:" + port, "Basic " + credentials);
    }

    public static Api bearer(int port, String token) {
        return new Api("http://127.0.0.1:" + port, "Bearer " + token);
    }

    public static Api anonymous(int port) {
        return new Api("http://127.0.0.1:" + port, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Response post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public Response post(String path, byte[] body, String contentType) {
        return send(
                request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(String method, String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(String method, String path, byte[] body, String contentType) {
        return send(request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any request: method, body (null for none), its content type and what to accept (e.g. text/html for pages). */
    public Response send(String method, String path, String body, String contentType, String accept) {
        var request = request(path)
                .header("Accept", accept)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /**
     * Opens an incident on the service by sending a trigger through its own new Events API v2 integration, as a
     * monitoring tool would; returns the incident's id.
     */
    public UUID openIncident(UUID service, String summary) {
        String key = post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
        post("/v2/enqueue", """
                        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                         "payload":{"summary":"%s","source":"checkout-1","severity":"critical"}}""".formatted(key, UUID.randomUUID(), summary)).expect(202);
        return UUID.fromString(get("/api/v1/incidents?serviceId=" + service)
                .expect(200)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString());
    }

    /** Creates a team, a service in it and returns the service id; names are unique per call. */
    public UUID createService(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teamId = post("/api/v1/teams", "{\"name\":\"" + prefix + "-team-" + suffix + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        return UUID.fromString(post(
                        "/api/v1/services",
                        "{\"name\":\"" + prefix + "-svc-" + suffix + "\",\"teamId\":\"" + teamId + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString());
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        if (request.build().headers().firstValue("Accept").isEmpty()) {
            request.header("Accept", "application/json");
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }
}
