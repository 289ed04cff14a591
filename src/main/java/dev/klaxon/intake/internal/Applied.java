package dev.klaxon.intake.internal;

/** What writing one command did. */
public enum Applied {
    /** A new alert opened a new incident. */
    OPENED,
    /** A new alert that the rules record without opening an incident. */
    RECORDED,
    /** A trigger for an open alert: counted on it. */
    REPEATED,
    ACKNOWLEDGED,
    RESOLVED,
    /** Acknowledge or resolve for a key with no open alert (or acknowledged already): dropped, like PagerDuty. */
    IGNORED,
    /** A change event was stored. */
    STORED
}
