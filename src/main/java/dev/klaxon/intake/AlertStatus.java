package dev.klaxon.intake;

/** Where an alert is in its life; an alert is open while it is triggered or acknowledged. */
public enum AlertStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED
}
