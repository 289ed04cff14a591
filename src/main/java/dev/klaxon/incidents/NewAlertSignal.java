package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * A new alert that opens an incident.
 *
 * @param severityHint the sender's severity (critical, error, warning, info), a hint until classification
 *     assigns priority and severity
 * @param priority the priority a rule assigned (the SLO's, the alert rule's or the fallback's); null when no
 *     rule matched
 * @param priorityReason why, for the timeline (e.g. "P2 by rule 'checkout availability SLO'"); may be null
 * @param classificationVersion the classification version the priority was decided under; 0 when unknown (a
 *     priority given with the signal), then the incident takes the current version
 */
public record NewAlertSignal(
        UUID serviceId,
        UUID alertId,
        String dedupKey,
        String title,
        String severityHint,
        Actor sender,
        Instant at,
        String priority,
        String priorityReason,
        int classificationVersion) {

    /** A signal without a rule-assigned priority. */
    public NewAlertSignal(
            UUID serviceId,
            UUID alertId,
            String dedupKey,
            String title,
            String severityHint,
            Actor sender,
            Instant at) {
        this(serviceId, alertId, dedupKey, title, severityHint, sender, at, null, null, 0);
    }
}
