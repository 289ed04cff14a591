package dev.klaxon.notify.internal;

import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import org.springframework.stereotype.Component;

/** SMS through the Twilio-compatible API: the subject and the two links, short enough for a few segments. */
@Component
class SmsChannel implements Channel {

    private final TwilioClient twilio;

    SmsChannel(TwilioClient twilio) {
        this.twilio = twilio;
    }

    @Override
    public ContactType type() {
        return ContactType.SMS;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryFailure {
        twilio.message(message.address(), text(message));
    }

    static String text(OutgoingMessage message) {
        if (!message.isPage()) {
            return message.subject() + "\n" + message.text();
        }
        return message.subject() + "\n" + (message.role() != null ? "Accept role: " : "Ack: ")
                + message.acknowledgeUrl() + "\nOpen: " + message.incident().url();
    }
}
