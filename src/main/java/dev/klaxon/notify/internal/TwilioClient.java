package dev.klaxon.notify.internal;

import dev.klaxon.notify.spi.DeliveryFailure;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A Twilio-compatible REST client: {@code POST {base-url}/2010-04-01/Accounts/{sid}/Messages.json} (SMS) and
 * {@code .../Calls.json} (voice), form-encoded, HTTP Basic with the account SID and auth token.
 */
@Component
class TwilioClient {

    private final HttpSender http;
    private final NotifyProperties properties;

    TwilioClient(HttpSender http, NotifyProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    void message(String to, String body) throws DeliveryFailure {
        post("Messages.json", Map.of("To", to, "Body", body));
    }

    void call(String to, String twiml) throws DeliveryFailure {
        post("Calls.json", Map.of("To", to, "Twiml", twiml));
    }

    private void post(String resource, Map<String, String> fields) throws DeliveryFailure {
        var twilio = properties.twilio();
        if (!twilio.configured()) {
            throw new DeliveryFailure(
                    "SMS and voice are not configured (set klaxon.notify.twilio.account-sid, auth-token and from)");
        }
        var form = new LinkedHashMap<String, String>();
        form.put("To", fields.get("To"));
        form.put("From", twilio.from());
        fields.forEach((k, v) -> {
            if (!k.equals("To")) {
                form.put(k, v);
            }
        });
        String base = twilio.baseUrl().endsWith("/")
                ? twilio.baseUrl().substring(0, twilio.baseUrl().length() - 1)
                : twilio.baseUrl();
        String url = base + "/2010-04-01/Accounts/" + URLEncoder.encode(twilio.accountSid(), StandardCharsets.UTF_8)
                + "/" + resource;
        String credentials = Base64.getEncoder()
                .encodeToString((twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        http.send(http.request(url)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
