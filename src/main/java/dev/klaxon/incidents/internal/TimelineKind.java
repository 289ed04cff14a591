package dev.klaxon.incidents.internal;

public enum TimelineKind {
    INCIDENT_OPENED,
    ALERT_RECEIVED,
    ALERT_REPEATED,
    ALERT_ACKNOWLEDGED,
    ALERT_RESOLVED,
    ACKNOWLEDGED,
    RESOLVED,
    NOTE
}
