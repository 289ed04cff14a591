package dev.klaxon.incidents;

/** The ITIL incident-management steps an incident records as it reaches them. */
public enum ProcessStep {
    IDENTIFICATION,
    LOGGING,
    CATEGORIZATION,
    PRIORITIZATION,
    RESPONSE
}
