package dev.klaxon.intake;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signals that Klaxon raises itself (an SLO breach, ...) enter the same path as alerts from outside:
 * deduplicated per service and key, classified by the same rules, opening or attaching to incidents.
 */
public interface InternalSignals {

    /**
     * A signal from inside Klaxon.
     *
     * @param dedupKey one open alert per service and key, e.g. {@code slo:<id>:<condition>}
     * @param severity critical, error, warning or info
     * @param fields extra fields for alert rules and the alert's labels, e.g. {@code slo.id}
     * @param senderName who raised it, shown as the actor on the timeline (e.g. "SLO engine")
     * @param priority the priority the sender decided (an SLO breach's); null: the service's alert rules decide
     * @param priorityReason why, for the timeline; with {@code priority} only
     */
    record Signal(
            UUID serviceId,
            String dedupKey,
            String summary,
            String severity,
            String source,
            Map<String, String> fields,
            String senderName,
            String priority,
            String priorityReason) {

        /** A signal whose priority the service's alert rules decide. */
        public Signal(
                UUID serviceId,
                String dedupKey,
                String summary,
                String severity,
                String source,
                Map<String, String> fields,
                String senderName) {
            this(serviceId, dedupKey, summary, severity, source, fields, senderName, null, null);
        }
    }

    /**
     * Triggers the signal (or counts a repeat) and waits until it is committed.
     *
     * @return the incident the open alert belongs to; empty when the rules recorded it without an incident
     */
    Optional<UUID> trigger(Signal signal);

    /** Resolves the open alert of this key, if any, and waits until that is committed. */
    void resolve(UUID serviceId, String dedupKey, String senderName);
}
