package dev.klaxon.escalation.internal;

public enum RunStatus {
    /** Paging level by level. */
    ACTIVE,
    /** Every level and repeat has paged; someone may still acknowledge. */
    EXHAUSTED,
    /** Someone acknowledged; only re-notifications (when the policy has them) remain. */
    ACKNOWLEDGED,
    /** The incident is resolved; nothing more happens. */
    RESOLVED
}
