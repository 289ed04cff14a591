package dev.klaxon.notify;

/**
 * Why someone is paged. An acknowledge link of an {@code ESCALATION} or {@code RENOTIFY} page acknowledges the
 * incident; one of a {@code ROLE} page gives the paged person the role.
 */
public enum PageReason {
    ESCALATION,
    RENOTIFY,
    ROLE
}
