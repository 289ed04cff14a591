package dev.klaxon.classification;

import dev.klaxon.classification.ClassificationDefinition.Priority;
import dev.klaxon.classification.ClassificationDefinition.Role;
import dev.klaxon.classification.ClassificationDefinition.Severity;
import dev.klaxon.classification.ErrorBudgetFallback.Threshold;
import dev.klaxon.classification.ErrorBudgetFallback.Velocity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The definition a new installation starts with: the tables of chapter 9 of the SRE book. */
public final class ClassificationDefaults {

    public static final String COORDINATOR = "Incident coordinator";
    public static final String DEPUTY = "Deputy coordinator";
    public static final String COMMUNICATOR = "Incident communicator";
    public static final String SCRIBE = "Scribe";
    public static final String TECHNICAL_EXPERT = "Technical expert";

    private ClassificationDefaults() {}

    public static ClassificationDefinition definition() {
        var priorities = List.of(
                new Priority(
                        "P1",
                        List.of("Majority of users cannot use a core journey", "Data loss or security breach"),
                        true,
                        true,
                        true,
                        true,
                        Duration.ofHours(2)),
                new Priority(
                        "P2",
                        List.of("A core journey is degraded for many users"),
                        false,
                        false,
                        true,
                        true,
                        Duration.ofHours(4)),
                new Priority(
                        "P3",
                        List.of("A non-core feature is degraded", "A minority of users is affected"),
                        false,
                        false,
                        false,
                        true,
                        Duration.ofHours(8)),
                new Priority("P4", List.of("No user-visible impact yet"), false, false, false, false, null));
        var severities = List.of(
                new Severity(
                        "Critical",
                        "majority",
                        "more than 2",
                        true,
                        List.of(COORDINATOR, COMMUNICATOR, TECHNICAL_EXPERT),
                        Duration.ofMinutes(15)),
                new Severity(
                        "Error",
                        "about 50 %",
                        "2",
                        true,
                        List.of(COORDINATOR, TECHNICAL_EXPERT),
                        Duration.ofMinutes(30)),
                new Severity("Warning", "minority", "1", false, List.of(TECHNICAL_EXPERT), Duration.ofHours(2)));
        var roles = List.of(
                new Role(
                        COORDINATOR,
                        "Commands the response: assigns roles, decides, keeps the state document current",
                        "Calm under pressure, knows the process, can delegate"),
                new Role(DEPUTY, "Backs up the coordinator and takes over when asked", "As the coordinator"),
                new Role(
                        COMMUNICATOR,
                        "Informs stakeholders, management and customers at the priority's cadence",
                        "Clear writing for non-technical readers"),
                new Role(
                        SCRIBE, "Keeps the timeline and records decisions as they happen", "Fast, precise note taking"),
                new Role(
                        TECHNICAL_EXPERT,
                        "Investigates and mitigates in their team's systems",
                        "Deep knowledge of the affected service"));
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        priorities.forEach(p -> matrix.put(p.name(), List.of("Critical", "Error", "Warning")));
        var fallback = new ErrorBudgetFallback(
                List.of(
                        new Threshold(0.20, "P1"),
                        new Threshold(0.40, "P2"),
                        new Threshold(0.60, "P3"),
                        new Threshold(0.80, "P4")),
                List.of(
                        new Velocity(0.75, Duration.ofMinutes(5), "P1"),
                        new Velocity(0.50, Duration.ofMinutes(10), "P2"),
                        new Velocity(0.25, Duration.ofMinutes(15), "P3"),
                        new Velocity(0.25, Duration.ofMinutes(20), "P4")));
        return new ClassificationDefinition(priorities, severities, roles, matrix, fallback);
    }
}
