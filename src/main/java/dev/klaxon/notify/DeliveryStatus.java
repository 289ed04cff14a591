package dev.klaxon.notify;

/** Where a delivery is in the outbox. */
public enum DeliveryStatus {
    /** Waiting until it is due (or until its next attempt after a failure). */
    PENDING,
    /** Handed to a sender; back to PENDING if the sender's lease runs out (its instance died). */
    SENDING,
    SENT,
    /** The last attempt failed; the next one is due at {@code nextAttemptAt} (back-off). */
    FAILED,
    /** Every attempt failed ({@code klaxon.notify.max-attempts}); not tried again. */
    ABANDONED,
    /** The incident was acknowledged or resolved before the delivery went out, or the method was removed. */
    CANCELLED
}
