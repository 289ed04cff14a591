package dev.klaxon.slo.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.stereotype.Component;

/** Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}) with timeouts and optional auth. */
@Component
class PrometheusClient {

    private final SloProperties.Prometheus config;
    private final HttpClient http;

    PrometheusClient(SloProperties properties) {
        this.config = properties.prometheus();
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean configured() {
        return config.enabled();
    }

    /** The single number the query yields at {@code at}. */
    double value(String query, Instant at) {
        String base = config.baseUrl().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time="
                + at.getEpochSecond() + (at.getNano() == 0 ? "" : "." + String.format("%09d", at.getNano())));
        var request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .GET();
        if (config.bearerToken() != null) {
            request.header("Authorization", "Bearer " + config.bearerToken());
        } else if (config.username() != null) {
            String pair = config.username() + ":" + (config.password() == null ? "" : config.password());
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new PullException("Prometheus at " + base + " did not answer within " + config.timeout(), e);
        } catch (IOException e) {
            throw new PullException("Prometheus at " + base + " is not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException("interrupted while querying Prometheus", e);
        }
        int status = response.statusCode();
        String body = response.body();
        if (status == 401 || status == 403) {
            throw new PullException("Prometheus at " + base + " refused the credentials (HTTP " + status + ")");
        }
        if (status >= 300 && (body == null || !body.stripLeading().startsWith("{"))) {
            throw new PullException(
                    "Prometheus at " + base + " answered HTTP " + status + ": " + PromQl.abbreviate(body));
        }
        return PromQl.value(body); // Prometheus's 400/422 answers carry a JSON error that value() reports
    }
}
