package dev.klaxon.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Page {@code userId} for an incident.
 *
 * @param stepKey identifies the step within the incident, e.g. "L2.C0" (level 2, cycle 0) or "role:Incident
 *     coordinator"; one page per (incident, stepKey, user)
 * @param role the role offered, for {@link PageReason#ROLE} pages; null otherwise
 * @param at the page time; deliveries fall due at this time plus each rule's delay (null: now)
 */
public record PageRequest(
        UUID incidentId, UUID userId, String stepKey, PageReason reason, int level, String role, Instant at) {

    public PageRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(stepKey, "stepKey");
        Objects.requireNonNull(reason, "reason");
        if (stepKey.isBlank() || stepKey.length() > 200) {
            throw new IllegalArgumentException("stepKey must have 1 to 200 characters");
        }
        if (reason == PageReason.ROLE && (role == null || role.isBlank())) {
            throw new IllegalArgumentException("a ROLE page names the role");
        }
    }
}
