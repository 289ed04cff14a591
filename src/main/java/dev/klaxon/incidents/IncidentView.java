package dev.klaxon.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as people and scripts read it.
 *
 * @param rulePriority the priority rules assigned (on opening or by frequency); null when none did
 * @param classificationVersion the classification version the incident was classified under; its severities,
 *     roles and matrix apply to it. Null until it is first classified
 * @param roles the roles its severity requires (filled or not), then any other roles someone holds
 * @param involvedTeamIds the owning team first, then the teams involved later
 * @param complex more than one team is involved
 */
public record IncidentView(
        UUID id,
        long number,
        String title,
        IncidentStatus status,
        UUID serviceId,
        UUID teamId,
        String severityHint,
        int alertCount,
        int openAlertCount,
        Instant createdAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        List<StepReached> processSteps,
        String priority,
        String rulePriority,
        String severity,
        Integer classificationVersion,
        List<RoleView> roles,
        List<UUID> involvedTeamIds,
        boolean complex,
        ResponseTarget responseTarget) {

    public record StepReached(ProcessStep step, Instant at, String by) {}

    /**
     * A role on the incident.
     *
     * @param required the severity requires it; {@code userId} null means it is missing
     */
    public record RoleView(
            String role, boolean required, UUID userId, String userName, Instant assignedAt, String assignedBy) {

        public boolean filled() {
            return userId != null;
        }
    }

    /**
     * Time to acknowledge against the severity's response target.
     *
     * @param target null when the incident has no severity (status NONE)
     * @param acknowledgedAfter from opening to acknowledgement; null while not acknowledged
     */
    public record ResponseTarget(Duration target, ResponseTargetStatus status, Duration acknowledgedAfter) {}

    /** Roles that are required and nobody holds. */
    public List<String> missingRoles() {
        return roles.stream()
                .filter(r -> r.required() && !r.filled())
                .map(RoleView::role)
                .toList();
    }
}
