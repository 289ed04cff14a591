package dev.klaxon.incidents;

/**
 * What the response machinery (escalation, paging, rotations) writes onto an incident's timeline. The
 * incident module owns the timeline; other modules add these lines through {@link IncidentTimeline}.
 */
public enum ResponseEvent {
    /** An escalation level was reached and its targets resolved to people. */
    ESCALATED,
    /** Escalation ended: acknowledged, resolved, or every level and repeat used up. */
    ESCALATION_STOPPED,
    /** A person was paged (one line per person and step). */
    PAGED,
    /** One attempt to deliver a page over one contact method, with its outcome. */
    DELIVERY_SUCCEEDED,
    DELIVERY_FAILED,
    /** A page could not be delivered at all (no contact method, retries used up). */
    DELIVERY_ABANDONED,
    /** A paged person answered through the acknowledge link of the page. */
    PAGE_ACKNOWLEDGED,
    /** A required role was unfilled, so the person on call for it was paged. */
    ROLE_PAGED
}
