package dev.klaxon.incidents;

import java.time.Instant;
import java.util.UUID;

/**
 * A role the incident's severity requires is not filled: the role's rotation of {@code teamId} (the owning
 * team) should be paged. Published when a severity makes a role newly required and nobody holds it, and when
 * the holder of a required role is removed.
 */
public record IncidentRoleRequired(UUID incidentId, UUID teamId, String role, Instant at) {}
