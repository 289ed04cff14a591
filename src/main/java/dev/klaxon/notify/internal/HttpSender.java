package dev.klaxon.notify.internal;

import dev.klaxon.notify.spi.DeliveryFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.springframework.stereotype.Component;

/** The one HTTP client of the HTTP channels: timeouts from configuration, no redirects, 2xx means accepted. */
@Component
class HttpSender {

    private final HttpClient http;
    private final NotifyProperties properties;

    HttpSender(NotifyProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpRequest.Builder request(String url) throws DeliveryFailure {
        try {
            return HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.timeout())
                    .header("User-Agent", "Klaxon");
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure("not a valid URL");
        }
    }

    /** Sends and returns the body of a 2xx answer; anything else is a failure naming the status. */
    String send(HttpRequest request) throws DeliveryFailure {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new DeliveryFailure("HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
            }
            return response.body();
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("timed out after " + properties.timeout().toSeconds() + "s", e);
        } catch (IOException e) {
            throw new DeliveryFailure(
                    "could not reach " + request.uri().getHost() + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", e);
        }
    }
}
