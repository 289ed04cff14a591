package dev.klaxon.notify.internal;

import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import java.net.http.HttpRequest;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): {@code {"text": ...}} with the links. */
@Component
class SlackChannel implements Channel {

    private final HttpSender http;
    private final ObjectMapper json;

    SlackChannel(HttpSender http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ContactType type() {
        return ContactType.SLACK;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryFailure {
        http.send(http.request(message.address())
                .header("Content-Type", "application/json")
                .header("X-Klaxon-Delivery", message.deliveryId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text(message)))))
                .build());
    }

    /** Slack's link syntax {@code <url|label>}; the characters Slack reserves are escaped in our own text. */
    static String text(OutgoingMessage message) {
        var out = new StringBuilder("*").append(escape(message.subject())).append('*');
        if (message.isPage()) {
            if (message.role() != null) {
                out.append("\nYou are asked to take the role ")
                        .append(escape(message.role()))
                        .append('.');
            }
            out.append("\n<")
                    .append(message.incident().url())
                    .append("|Open incident #")
                    .append(message.incident().number())
                    .append("> · <")
                    .append(message.acknowledgeUrl())
                    .append('|')
                    .append(message.role() != null ? "Accept the role" : "Acknowledge")
                    .append('>');
        } else {
            out.append('\n').append(escape(message.text()));
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
