package dev.klaxon.intake;

import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Real HTTP against a running Klaxon (no MockMvc: the intake endpoints read raw bytes). The context and the
 * database are shared by every test class, so each test creates its own team, service and integration and
 * counts only its own rows. On PostgreSQL the failsafe execution passes {@code spring.datasource.*}.
 */
@KlaxonIntegrationTest
public abstract class IntakeTestSupport {

    static final String ADMIN_PASSWORD = KlaxonIntegrationTest.ADMIN_PASSWORD;

    protected final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    protected MutableClock clock;

    /** A fresh team, service and integration of the given type. */
    protected record Fixture(UUID serviceId, UUID integrationId, String key) {}

    protected Fixture fixture(String integrationType) {
        return fixture(integrationType, null);
    }

    protected Fixture fixture(String integrationType, Integer rateLimitPerMinute) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonNode team = adminPost("/api/v1/teams", Map.of("name", "team-" + suffix));
        JsonNode service = adminPost(
                "/api/v1/services", Map.of("teamId", team.get("id").stringValue(), "name", "service-" + suffix));
        var body = new java.util.HashMap<String, Object>();
        body.put("type", integrationType);
        if (rateLimitPerMinute != null) {
            body.put("rateLimitPerMinute", rateLimitPerMinute);
        }
        JsonNode integration = adminPost("/api/v1/services/" + service.get("id").stringValue() + "/integrations", body);
        return new Fixture(
                UUID.fromString(service.get("id").stringValue()),
                UUID.fromString(integration.get("integration").get("id").stringValue()),
                integration.get("key").stringValue());
    }

    protected JsonNode adminPost(String path, Object body) {
        return adminSend("POST", path, body);
    }

    protected JsonNode adminSend(String method, String path, Object body) {
        var response = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    protected JsonNode adminGet(String path) {
        var response = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basicAuth())
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    /** A response with its body parsed as JSON (null when the body is empty). */
    protected record Answer(int status, JsonNode body, String contentType) {}

    protected Answer post(String path, String contentType, byte[] body) {
        var builder = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        var response = send(builder.build());
        return new Answer(
                response.statusCode(),
                response.body().length == 0 ? null : json.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    protected Answer postJson(String path, String body) {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Single quotes in {@code template} become double quotes, for readable JSON in tests. */
    protected Answer enqueue(String template) {
        return postJson("/v2/enqueue", template.replace('\'', '"'));
    }

    protected Answer trigger(Fixture f, String dedupKey, String summary) {
        return enqueue("{'routing_key':'" + f.key() + "','event_action':'trigger','dedup_key':'" + dedupKey
                + "','payload':{'summary':'" + summary + "','source':'host-1','severity':'critical'}}");
    }

    protected int alertCount(Fixture f) {
        return jdbc.sql("SELECT COUNT(*) FROM intake_alerts WHERE service_id = ?")
                .param(f.serviceId())
                .query(Integer.class)
                .single();
    }

    protected int incidentCount(Fixture f) {
        return jdbc.sql("SELECT COUNT(*) FROM incidents_incidents WHERE service_id = ?")
                .param(f.serviceId())
                .query(Integer.class)
                .single();
    }

    protected int changeCount(Fixture f) {
        return jdbc.sql("SELECT COUNT(*) FROM intake_change_events WHERE service_id = ?")
                .param(f.serviceId())
                .query(Integer.class)
                .single();
    }

    protected double counter(String endpoint, String action, String outcome) {
        return counter(meters, endpoint, action, outcome);
    }

    /** The {@code klaxon.intake.events} count of one endpoint, action and outcome in {@code meters}. */
    static double counter(MeterRegistry meters, String endpoint, String action, String outcome) {
        Counter counter = meters.find("klaxon.intake.events")
                .tags("endpoint", endpoint, "action", action, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Sends a POST over a plain socket: headers, then (unless {@code expectContinue}) {@code bodyLength} bytes
     * of 'a' written by another thread while this one reads the answer, as a client streaming a huge body does.
     * Java 17's HttpClient cannot do either (it hangs when Expect: 100-continue gets a final answer).
     */
    protected Answer rawPost(String path, long bodyLength, boolean expectContinue) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + bodyLength + "\r\n"
                            + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = null;
            if (!expectContinue) {
                writer = new Thread(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    try {
                        for (long sent = 0; sent < bodyLength; sent += chunk.length) {
                            out.write(chunk, 0, (int) Math.min(chunk.length, bodyLength - sent));
                        }
                        out.flush();
                    } catch (IOException e) {
                        // The server stopped reading and closed the connection: expected.
                    }
                });
                writer.start();
            }
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            String contentType = null;
            int length = -1;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            StringBuilder body = new StringBuilder();
            if (length >= 0) {
                char[] buffer = new char[length];
                int read = 0;
                while (read < length) {
                    int n = in.read(buffer, read, length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                body.append(buffer, 0, read);
            } else {
                for (int c = in.read(); c >= 0; c = in.read()) {
                    body.append((char) c);
                }
            }
            if (writer != null) {
                socket.close();
                writer.join(10_000);
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new Answer(status, json.readTree(body.toString()), contentType);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basicAuth() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
