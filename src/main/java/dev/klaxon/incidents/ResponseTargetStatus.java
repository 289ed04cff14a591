package dev.klaxon.incidents;

/** Time to acknowledge against the severity's response target. */
public enum ResponseTargetStatus {
    /** No severity (or no target) yet. */
    NONE,
    /** Not acknowledged yet, still within the target. */
    PENDING,
    /** Acknowledged (or resolved) within the target. */
    MET,
    /** Acknowledged after the target, or not acknowledged and past it. */
    BREACHED
}
