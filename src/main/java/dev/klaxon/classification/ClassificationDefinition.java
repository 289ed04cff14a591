package dev.klaxon.classification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything an organisation decides once about classifying incidents. Immutable; every change is a new
 * {@link ClassificationVersion}.
 *
 * @param priorities at most {@value #MAX_PRIORITIES}, most urgent first
 * @param severities ordered, most severe first
 * @param matrix for each priority name, the severity names allowed with it
 */
public record ClassificationDefinition(
        List<Priority> priorities,
        List<Severity> severities,
        List<Role> roles,
        Map<String, List<String>> matrix,
        ErrorBudgetFallback errorBudgetFallback) {

    public static final int MAX_PRIORITIES = 5;
    public static final int MAX_CRITERIA = 5;

    public ClassificationDefinition {
        priorities = priorities == null ? List.of() : List.copyOf(priorities);
        severities = severities == null ? List.of() : List.copyOf(severities);
        roles = roles == null ? List.of() : List.copyOf(roles);
        matrix = matrix == null ? Map.of() : Map.copyOf(matrix);
    }

    /**
     * Incident priority: what must be done.
     *
     * @param criteria at most {@value #MAX_CRITERIA} free-text criteria; no two priorities share one
     * @param updateCadence how often status updates are due; null for none
     */
    public record Priority(
            String name,
            List<String> criteria,
            boolean hotfixRequired,
            boolean postmortemRequired,
            boolean managementNotified,
            boolean stakeholdersNotified,
            Duration updateCadence) {

        public Priority {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /**
     * Incident severity: how to organise.
     *
     * @param requiredRoles names of roles that must be staffed at this severity
     * @param responseTarget the time to acknowledge an incident of this severity should stay under
     */
    public record Severity(
            String name,
            String usersAffected,
            String teamsRequired,
            boolean dedicatedCoordinator,
            List<String> requiredRoles,
            Duration responseTarget) {

        public Severity {
            requiredRoles = requiredRoles == null ? List.of() : List.copyOf(requiredRoles);
        }
    }

    public record Role(String name, String responsibilities, String skills) {}

    public Priority priority(String name) {
        return priorities.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    public Severity severity(String name) {
        return severities.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    public boolean allows(String priority, String severity) {
        return matrix.getOrDefault(priority, List.of()).contains(severity);
    }
}
