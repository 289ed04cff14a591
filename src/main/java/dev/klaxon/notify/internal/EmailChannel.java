package dev.klaxon.notify.internal;

import dev.klaxon.notify.ContactType;
import dev.klaxon.notify.spi.Channel;
import dev.klaxon.notify.spi.DeliveryFailure;
import dev.klaxon.notify.spi.OutgoingMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Plain-text e-mail through the standard {@code spring.mail.*} settings; without {@code spring.mail.host}
 * there is no mail sender and e-mail deliveries fail (and are retried) with a message that says so.
 */
@Component
class EmailChannel implements Channel {

    private final ObjectProvider<JavaMailSender> mail;
    private final NotifyProperties properties;

    EmailChannel(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @Override
    public ContactType type() {
        return ContactType.EMAIL;
    }

    @Override
    public void send(OutgoingMessage message) throws DeliveryFailure {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailure("e-mail is not configured (set spring.mail.host)");
        }
        var mail = new SimpleMailMessage();
        mail.setFrom(properties.mailFrom());
        mail.setTo(message.address());
        mail.setSubject(message.subject());
        mail.setText(message.text() + "\n\n-- \nKlaxon delivery " + message.deliveryId() + "\n");
        try {
            sender.send(mail);
        } catch (MailException e) {
            throw new DeliveryFailure(
                    "mail server refused or unreachable: "
                            + e.getMostSpecificCause().getMessage(),
                    e);
        }
    }
}
