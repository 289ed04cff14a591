package dev.klaxon.incidents;

public enum IncidentStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED
}
