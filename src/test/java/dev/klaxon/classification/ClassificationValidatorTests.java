package dev.klaxon.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.classification.ClassificationDefinition.Priority;
import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationValidatorTests {

    private final ClassificationDefinition defaults = ClassificationDefaults.definition();

    @Test
    void theDefaultsAreValidAndMatchTheChaptersTable() {
        assertThat(ClassificationValidator.validate(defaults)).isEmpty();
        assertThat(defaults.priorities()).extracting(Priority::name).containsExactly("P1", "P2", "P3", "P4");
        var p1 = defaults.priority("P1");
        assertThat(p1.hotfixRequired()).isTrue();
        assertThat(p1.postmortemRequired()).isTrue();
        assertThat(p1.updateCadence()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.priority("P2").managementNotified()).isTrue();
        assertThat(defaults.priority("P2").postmortemRequired()).isFalse();
        assertThat(defaults.priority("P3").managementNotified()).isFalse();
        assertThat(defaults.priority("P3").stakeholdersNotified()).isTrue();
        assertThat(defaults.priority("P4").updateCadence()).isNull();
        assertThat(defaults.severity("Critical").responseTarget()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.severity("Error").responseTarget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.severity("Warning").responseTarget()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.severity("Critical").requiredRoles()).contains(ClassificationDefaults.COMMUNICATOR);
        assertThat(defaults.severity("Warning").dedicatedCoordinator()).isFalse();
    }

    @Test
    void aSixthPriorityIsRefused() {
        List<Priority> six = new ArrayList<>(defaults.priorities());
        six.add(new Priority("P5", List.of("cosmetic"), false, false, false, false, null));
        six.add(new Priority("P6", List.of("nothing at all"), false, false, false, false, null));
        Map<String, List<String>> matrix = new LinkedHashMap<>(defaults.matrix());
        matrix.put("P5", List.of("Warning"));
        matrix.put("P6", List.of("Warning"));

        var errors = ClassificationValidator.validate(with(six, matrix));

        assertThat(errors).contains(new FieldError("priorities", "at most 5 priorities are allowed, 6 were given"));
    }

    @Test
    void aSixthCriterionIsRefused() {
        List<Priority> priorities = new ArrayList<>(defaults.priorities());
        priorities.set(
                0,
                new Priority("P1", List.of("a", "b", "c", "d", "e", "f"), true, true, true, true, Duration.ofHours(2)));

        var errors = ClassificationValidator.validate(with(priorities, defaults.matrix()));

        assertThat(errors)
                .containsExactly(
                        new FieldError("priorities[0].criteria", "at most 5 criteria per priority, 6 were given"));
    }

    @Test
    void criteriaMustNotOverlapBetweenPriorities() {
        List<Priority> priorities = new ArrayList<>(defaults.priorities());
        priorities.set(1, new Priority("P2", List.of("Data loss or security breach"), false, false, true, true, null));

        var errors = ClassificationValidator.validate(with(priorities, defaults.matrix()));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("priorities[1].criteria[0]");
            assertThat(e.message()).contains("already a criterion of P1");
        });
    }

    @Test
    void everyProblemIsListedAtOnceWithItsPath() {
        var broken = new ClassificationDefinition(
                List.of(
                        new Priority("P1", List.of(" "), false, false, false, false, Duration.ofMinutes(-5)),
                        new Priority("P1", List.of(), false, false, false, false, null)),
                List.of(new ClassificationDefinition.Severity("Critical", null, null, true, List.of("Pilot"), null)),
                List.of(),
                Map.of("P1", List.of("Critical", "Meltdown"), "P9", List.of("Critical")),
                new ErrorBudgetFallback(
                        List.of(new ErrorBudgetFallback.Threshold(1.5, "P7")),
                        List.of(new ErrorBudgetFallback.Velocity(0.5, Duration.ZERO, "P1"))));

        var fields = ClassificationValidator.validate(broken).stream()
                .map(FieldError::field)
                .toList();

        assertThat(fields)
                .contains(
                        "priorities[0].criteria[0]",
                        "priorities[0].updateCadence",
                        "priorities[1].name",
                        "severities[0].requiredRoles[0]",
                        "severities[0].responseTarget",
                        "matrix.P1[1]",
                        "matrix.P9",
                        "errorBudgetFallback.thresholds[0].remainingAtMost",
                        "errorBudgetFallback.thresholds[0].priority",
                        "errorBudgetFallback.velocities[0].within");
    }

    @Test
    void everyPriorityNeedsAMatrixEntry() {
        Map<String, List<String>> matrix = new LinkedHashMap<>(defaults.matrix());
        matrix.remove("P3");

        assertThat(ClassificationValidator.validate(with(defaults.priorities(), matrix)))
                .containsExactly(new FieldError("matrix", "has no entry for P3; list the severities allowed with it"));
    }

    private ClassificationDefinition with(List<Priority> priorities, Map<String, List<String>> matrix) {
        return new ClassificationDefinition(
                priorities, defaults.severities(), defaults.roles(), matrix, defaults.errorBudgetFallback());
    }
}
