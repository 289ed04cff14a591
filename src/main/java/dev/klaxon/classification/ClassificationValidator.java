package dev.klaxon.classification;

import static dev.klaxon.classification.ClassificationDefinition.MAX_CRITERIA;
import static dev.klaxon.classification.ClassificationDefinition.MAX_PRIORITIES;

import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a whole definition and lists every problem with the path of the field it concerns. */
final class ClassificationValidator {

    static final int MAX_SEVERITIES = 5;
    static final int MAX_ROLES = 20;
    static final int MAX_NAME = 40;
    static final int MAX_TEXT = 500;

    private final List<FieldError> errors = new ArrayList<>();

    private ClassificationValidator() {}

    static List<FieldError> validate(ClassificationDefinition definition) {
        var validator = new ClassificationValidator();
        validator.check(definition);
        return List.copyOf(validator.errors);
    }

    private void check(ClassificationDefinition d) {
        Set<String> priorities = checkPriorities(d.priorities());
        Set<String> roles = checkRoles(d.roles());
        Set<String> severities = checkSeverities(d.severities(), roles);
        checkMatrix(d.matrix(), priorities, severities);
        if (d.errorBudgetFallback() != null) {
            checkFallback(d.errorBudgetFallback(), priorities);
        }
    }

    private Set<String> checkPriorities(List<ClassificationDefinition.Priority> priorities) {
        if (priorities.isEmpty()) {
            error("priorities", "at least one priority is required");
        }
        if (priorities.size() > MAX_PRIORITIES) {
            error(
                    "priorities",
                    "at most " + MAX_PRIORITIES + " priorities are allowed, " + priorities.size() + " were given");
        }
        Set<String> names = new HashSet<>();
        Map<String, String> criterionOwner = new HashMap<>();
        for (int i = 0; i < priorities.size(); i++) {
            var p = priorities.get(i);
            String path = "priorities[" + i + "]";
            if (p == null) {
                error(path, "must not be null");
                continue;
            }
            checkName(path + ".name", p.name(), names, "priority");
            if (p.criteria().size() > MAX_CRITERIA) {
                error(
                        path + ".criteria",
                        "at most " + MAX_CRITERIA + " criteria per priority, "
                                + p.criteria().size() + " were given");
            }
            for (int c = 0; c < p.criteria().size(); c++) {
                String criterion = p.criteria().get(c);
                String criterionPath = path + ".criteria[" + c + "]";
                if (checkText(criterionPath, criterion, true)) {
                    String key = criterion.strip().toLowerCase(Locale.ROOT);
                    String owner = criterionOwner.putIfAbsent(key, p.name());
                    if (owner != null) {
                        error(
                                criterionPath,
                                "'" + criterion.strip() + "' is already a criterion of " + owner
                                        + "; criteria must not overlap");
                    }
                }
            }
            checkPositive(path + ".updateCadence", p.updateCadence(), false);
        }
        return names;
    }

    private Set<String> checkRoles(List<ClassificationDefinition.Role> roles) {
        if (roles.size() > MAX_ROLES) {
            error("roles", "at most " + MAX_ROLES + " roles are allowed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            var r = roles.get(i);
            String path = "roles[" + i + "]";
            if (r == null) {
                error(path, "must not be null");
                continue;
            }
            checkName(path + ".name", r.name(), names, "role");
            checkText(path + ".responsibilities", r.responsibilities(), false);
            checkText(path + ".skills", r.skills(), false);
        }
        return names;
    }

    private Set<String> checkSeverities(List<ClassificationDefinition.Severity> severities, Set<String> roles) {
        if (severities.isEmpty()) {
            error("severities", "at least one severity is required");
        }
        if (severities.size() > MAX_SEVERITIES) {
            error("severities", "at most " + MAX_SEVERITIES + " severities are allowed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < severities.size(); i++) {
            var s = severities.get(i);
            String path = "severities[" + i + "]";
            if (s == null) {
                error(path, "must not be null");
                continue;
            }
            checkName(path + ".name", s.name(), names, "severity");
            checkText(path + ".usersAffected", s.usersAffected(), false);
            checkText(path + ".teamsRequired", s.teamsRequired(), false);
            for (int r = 0; r < s.requiredRoles().size(); r++) {
                String role = s.requiredRoles().get(r);
                if (!roles.contains(role)) {
                    error(
                            path + ".requiredRoles[" + r + "]",
                            "'" + role + "' is not a defined role; roles are " + roles);
                }
            }
            checkPositive(path + ".responseTarget", s.responseTarget(), true);
        }
        return names;
    }

    private void checkMatrix(Map<String, List<String>> matrix, Set<String> priorities, Set<String> severities) {
        for (String priority : priorities) {
            if (!matrix.containsKey(priority)) {
                error("matrix", "has no entry for " + priority + "; list the severities allowed with it");
            }
        }
        matrix.forEach((priority, allowed) -> {
            if (!priorities.contains(priority)) {
                error("matrix." + priority, "'" + priority + "' is not a defined priority");
            }
            if (allowed == null || allowed.isEmpty()) {
                error("matrix." + priority, "must allow at least one severity");
                return;
            }
            for (int i = 0; i < allowed.size(); i++) {
                if (!severities.contains(allowed.get(i))) {
                    error("matrix." + priority + "[" + i + "]", "'" + allowed.get(i) + "' is not a defined severity");
                }
            }
        });
    }

    private void checkFallback(ErrorBudgetFallback fallback, Set<String> priorities) {
        for (int i = 0; i < fallback.thresholds().size(); i++) {
            var t = fallback.thresholds().get(i);
            String path = "errorBudgetFallback.thresholds[" + i + "]";
            if (!(t.remainingAtMost() > 0 && t.remainingAtMost() <= 1)) {
                error(path + ".remainingAtMost", "must be a fraction above 0 and at most 1 (0.2 = 20 %)");
            }
            checkPriorityRef(path + ".priority", t.priority(), priorities);
        }
        for (int i = 0; i < fallback.velocities().size(); i++) {
            var v = fallback.velocities().get(i);
            String path = "errorBudgetFallback.velocities[" + i + "]";
            if (!(v.consumedMoreThan() >= 0 && v.consumedMoreThan() < 1)) {
                error(path + ".consumedMoreThan", "must be a fraction from 0 to below 1 (0.75 = 75 %)");
            }
            checkPositive(path + ".within", v.within(), true);
            checkPriorityRef(path + ".priority", v.priority(), priorities);
        }
    }

    private void checkPriorityRef(String path, String priority, Set<String> priorities) {
        if (!priorities.contains(priority)) {
            error(path, "'" + priority + "' is not a defined priority");
        }
    }

    private void checkName(String path, String name, Set<String> seen, String what) {
        if (name == null || name.isBlank()) {
            error(path, "must not be blank");
        } else if (name.length() > MAX_NAME) {
            error(path, "must be at most " + MAX_NAME + " characters");
        } else if (!name.equals(name.strip())) {
            error(path, "must not start or end with spaces");
        } else if (!seen.add(name)) {
            error(path, "another " + what + " is already named '" + name + "'");
        }
    }

    private boolean checkText(String path, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                error(path, "must not be blank");
            }
            return false;
        }
        if (text.length() > MAX_TEXT) {
            error(path, "must be at most " + MAX_TEXT + " characters");
            return false;
        }
        return true;
    }

    private void checkPositive(String path, Duration duration, boolean required) {
        if (duration == null) {
            if (required) {
                error(path, "is required (an ISO-8601 duration such as PT15M)");
            }
        } else if (duration.isNegative() || duration.isZero()) {
            error(path, "must be a positive duration");
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
