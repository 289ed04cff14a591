package dev.klaxon.notify.internal;

import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * A generic webhook: a JSON POST with the incident, the links and the delivery id (also in the
 * {@code X-Klaxon-Delivery} header, the same on every retry, so the receiver can drop repeats).
 */
@Component
class WebhookChannel implements Channel {

    private final HttpSender http;
    private final ObjectMapper json;

    WebhookChannel(HttpSender http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ContactType type() {
        return ContactType.WEBHOOK;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryFailure {
        http.send(http.request(message.address())
                .header("Content-Type", "application/json")
                .header("X-Klaxon-Delivery", message.deliveryId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(message))))
                .build());
    }

    static Map<String, Object> body(OutgoingMessage message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", message.kind());
        body.put("deliveryId", message.deliveryId().toString());
        body.put("subject", message.subject());
        body.put("text", message.text());
        body.put("user", Map.of("id", message.userId().toString(), "name", message.userName()));
        if (message.isPage()) {
            var incident = message.incident();
            var about = new LinkedHashMap<String, Object>();
            about.put("id", incident.id().toString());
            about.put("number", incident.number());
            about.put("title", incident.title());
            about.put("status", incident.status());
            about.put("priority", incident.priority());
            about.put("severity", incident.severity());
            about.put("url", incident.url());
            body.put("incident", about);
            body.put("acknowledgeUrl", message.acknowledgeUrl());
            body.put("reason", message.reason());
            body.put("role", message.role());
            body.put("level", message.level());
            body.put("stepKey", message.stepKey());
        }
        return body;
    }
}
