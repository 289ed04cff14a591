package dev.klaxon.notify.spi;

/** A delivery attempt failed; the message says why, for the timeline (no secrets in it). */
public class DeliveryFailure extends Exception {

    public DeliveryFailure(String message) {
        super(message);
    }

    public DeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
