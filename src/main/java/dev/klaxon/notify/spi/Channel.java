package dev.klaxon.notify.spi;

import dev.klaxon.notify.ContactType;

/**
 * Sends one message over one kind of contact method. Called outside any transaction, possibly in parallel;
 * returns normally when the receiver accepted the message and throws {@link DeliveryFailure} otherwise.
 * Implementations use timeouts shorter than the delivery lease.
 */
public interface Channel {

    ContactType type();

    void send(OutgoingMessage message) throws DeliveryFailure;
}
