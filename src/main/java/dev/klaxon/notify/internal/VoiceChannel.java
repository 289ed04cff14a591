package dev.klaxon.notify.internal;

import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import org.springframework.stereotype.Component;

/**
 * A phone call through the Twilio-compatible API that reads the subject out twice. Acknowledging needs the link
 * from another channel; a call is the loud wake-up.
 */
@Component
class VoiceChannel implements Channel {

    private final TwilioClient twilio;

    VoiceChannel(TwilioClient twilio) {
        this.twilio = twilio;
    }

    @Override
    public ContactType type() {
        return ContactType.VOICE;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryFailure {
        twilio.call(message.address(), twiml(message));
    }

    static String twiml(OutgoingMessage message) {
        String spoken = xml(message.subject().replace("[Klaxon]", "Klaxon page:"));
        return "<Response><Say>" + spoken + "</Say><Pause length=\"1\"/><Say>" + spoken + "</Say></Response>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
