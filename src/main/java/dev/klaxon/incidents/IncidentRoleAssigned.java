package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * A role was given to someone; {@code previousUserId} is set when it was handed over from someone else.
 * {@code userId} is null when the role was unassigned.
 */
public record IncidentRoleAssigned(
        UUID incidentId, String role, UUID userId, String userName, UUID previousUserId, Actor by, Instant at) {}
