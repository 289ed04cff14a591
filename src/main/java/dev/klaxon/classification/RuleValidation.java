package dev.klaxon.classification;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks alert rules and SLO priorities against the definition in force. */
final class RuleValidation {

    static final int MAX_CONDITIONS = 20;
    static final int MAX_FREQUENCY_STEPS = 5;
    static final int MAX_VALUE = 500;
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private static final Pattern FIELD = Pattern.compile(
            "payload\\.(severity|component|group|class|source|summary)|(custom_details|labels|annotations)\\.[^\\s]{1,200}");

    private RuleValidation() {}

    static void checkRule(
            String name,
            List<RuleCondition> conditions,
            String priority,
            List<FrequencyStep> frequency,
            ClassificationDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (conditions == null || conditions.isEmpty()) {
            errors.add(new FieldError(
                    "conditions", "at least one condition is required (use the service default for the rest)"));
        } else if (conditions.size() > MAX_CONDITIONS) {
            errors.add(new FieldError("conditions", "at most " + MAX_CONDITIONS + " conditions per rule"));
        } else {
            for (int i = 0; i < conditions.size(); i++) {
                checkCondition("conditions[" + i + "]", conditions.get(i), errors);
            }
        }
        checkPriority("priority", priority, true, definition, errors);
        checkFrequency(frequency, priority == null, definition, errors);
        throwIfAny(errors);
    }

    static void checkSloPriority(String priority, List<FrequencyStep> frequency, ClassificationDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        checkPriority("priority", priority, true, definition, errors);
        checkFrequency(frequency, false, definition, errors);
        throwIfAny(errors);
    }

    static void checkPriority(
            String field,
            String priority,
            boolean nullable,
            ClassificationDefinition definition,
            List<FieldError> errors) {
        if (priority == null) {
            if (!nullable) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (definition.priority(priority) == null) {
            errors.add(new FieldError(
                    field,
                    "'" + priority + "' is not a defined priority; priorities are "
                            + definition.priorities().stream()
                                    .map(ClassificationDefinition.Priority::name)
                                    .toList()));
        }
    }

    private static void checkCondition(String path, RuleCondition condition, List<FieldError> errors) {
        if (condition == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        if (condition.field() == null || !FIELD.matcher(condition.field()).matches()) {
            errors.add(
                    new FieldError(
                            path + ".field",
                            "must be payload.severity, payload.component, payload.group, "
                                    + "payload.class, payload.source, payload.summary, custom_details.<key>, labels.<name> or annotations.<name>"));
        }
        if (condition.op() == null) {
            errors.add(new FieldError(path + ".op", "must be one of equals, notEquals, regex, exists"));
            return;
        }
        if (condition.op() != RuleCondition.Op.EXISTS) {
            if (condition.value() == null) {
                errors.add(new FieldError(
                        path + ".value", "is required for " + condition.op().wireName()));
            } else if (condition.value().length() > MAX_VALUE) {
                errors.add(new FieldError(path + ".value", "must be at most " + MAX_VALUE + " characters"));
            } else if (condition.op() == RuleCondition.Op.REGEX) {
                try {
                    Pattern.compile(condition.value());
                } catch (PatternSyntaxException e) {
                    errors.add(new FieldError(
                            path + ".value", "is not a valid regular expression: " + e.getDescription()));
                }
            }
        }
    }

    private static void checkFrequency(
            List<FrequencyStep> steps,
            boolean opensNothing,
            ClassificationDefinition definition,
            List<FieldError> errors) {
        if (steps == null || steps.isEmpty()) {
            return;
        }
        if (opensNothing) {
            errors.add(new FieldError("frequency", "a rule that opens no incident cannot have frequency steps"));
        }
        if (steps.size() > MAX_FREQUENCY_STEPS) {
            errors.add(new FieldError("frequency", "at most " + MAX_FREQUENCY_STEPS + " steps"));
        }
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            String path = "frequency[" + i + "]";
            if (step == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (step.moreThan() < 1) {
                errors.add(new FieldError(path + ".moreThan", "must be at least 1"));
            }
            if (step.within() == null
                    || step.within().isNegative()
                    || step.within().isZero()
                    || step.within().compareTo(MAX_WINDOW) > 0) {
                errors.add(
                        new FieldError(path + ".within", "must be a positive duration of at most 31 days, e.g. PT1H"));
            }
            checkPriority(path + ".priority", step.priority(), false, definition, errors);
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
