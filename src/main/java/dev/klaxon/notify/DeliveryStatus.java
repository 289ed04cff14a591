package dev.klaxon.notify;

/** Where a delivery is in the outbox. */
public enum DeliveryStatus {
    /** Waiting until it is due (or until its next attempt after a failure). */
    PENDING,
    /** Handed to a sender; back to PENDING if the sender's lease runs out (its instance died). */
    SENDING,
    SENT,
    /** Reserved for a failure that is final at once; failed attempts that will be retried stay PENDING. */
    FAILED,
    /** Every attempt failed. */
    ABANDONED,
    /** The incident was acknowledged or resolved before the delivery went out, or the method was removed. */
    CANCELLED
}
