package dev.klaxon.incidents;

/** Orders of the incident list; ties are broken newest first, which keeps keyset pagination exact. */
public enum IncidentSort {
    /** Newest first. */
    CREATED,
    /** Most urgent first (by position in the classification's priority list); incidents without one last. */
    PRIORITY,
    /** Most severe first; incidents without a severity last. */
    SEVERITY
}
