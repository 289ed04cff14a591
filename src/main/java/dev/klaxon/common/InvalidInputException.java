package dev.klaxon.common;

import java.util.List;
import java.util.Map;

/**
 * Input that passed syntactic checks but breaks a rule, with one message per offending field; rendered
 * as a 400 problem detail whose {@code errors} list names each field.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "Invalid input"
                        : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public static InvalidInputException of(Map<String, String> messagesByField) {
        return new InvalidInputException(messagesByField.entrySet().stream()
                .map(e -> new FieldError(e.getKey(), e.getValue()))
                .toList());
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {}
}
