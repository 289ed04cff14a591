package dev.klaxon.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Real receivers for the notification channels whose address is configuration rather than data: an in-process
 * SMTP server (GreenMail) for {@code spring.mail.*} and a recording HTTP server for the Twilio-compatible API
 * ({@code klaxon.notify.twilio.*}), both on free ports. They are beans of the one shared application context
 * (rather than per-class extensions with their own properties), so every integration test keeps using a
 * single context. {@code spring.mail.host} itself is a fixed property of {@link KlaxonIntegrationTest}, because
 * the mail auto-configuration decides on it before these beans exist.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDeliveryServers {

    public static final String TWILIO_SID = "AC-test-account";
    public static final String TWILIO_TOKEN = "test-auth-token";
    public static final String TWILIO_FROM = "+15005550006";

    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        return greenMail;
    }

    /** Stands in for api.twilio.com: records every request and answers 200 (or what a test queues). */
    @Bean(destroyMethod = "close")
    RecordingHttpServer twilioApi() throws IOException {
        return RecordingHttpServer.answering();
    }

    @Bean
    DynamicPropertyRegistrar deliveryServerProperties(GreenMail greenMail, RecordingHttpServer twilioApi) {
        return registry -> {
            registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
            registry.add("klaxon.notify.twilio.base-url", () -> twilioApi.url(""));
            registry.add("klaxon.notify.twilio.account-sid", () -> TWILIO_SID);
            registry.add("klaxon.notify.twilio.auth-token", () -> TWILIO_TOKEN);
            registry.add("klaxon.notify.twilio.from", () -> TWILIO_FROM);
        };
    }
}
