package dev.klaxon.web;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.ForbiddenException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every API error is an RFC 9457 problem detail; invalid input carries an {@code errors} list with one
 * {@code {field, message}} per problem so a client can show it next to the right field.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /** A missing permission names itself, so a script or a UI can say what to ask for. */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        var problem = problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        problem.setProperty("permission", e.permission());
        if (e.teamId() != null) {
            problem.setProperty("teamId", e.teamId());
        }
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.errors().stream()
                .map(err -> Map.of("field", err.field(), "message", err.message()))
                .toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        if (type != null && Collection.class.isAssignableFrom(type)) {
            // For a repeated parameter (?status=A&status=B) the element type is what the caller got wrong.
            type = ResolvableType.forType(e.getParameter().getGenericParameterType())
                    .asCollection()
                    .resolveGeneric(0);
        }
        return invalidInput(List.of(Map.of("field", e.getName(), "message", "must be a valid " + describe(type))));
    }

    /** Anything unexpected: a problem detail without internals, and the stack trace in the log. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security turns these into 401/403
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "An unexpected error occurred; it has been logged");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(f ->
                        errors.add(Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(
                        Map.of("field", g.getObjectName(), "message", String.valueOf(g.getDefaultMessage()))));
        errors.sort(Comparator.comparing(m -> m.get("field")));
        return ResponseEntity.badRequest().body(invalidInput(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(err -> errors.add(Map.of(
                                "field", result.getMethodParameter().getParameterName(),
                                "message", String.valueOf(err.getDefaultMessage())))));
        return ResponseEntity.badRequest().body(invalidInput(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is not valid JSON";
        if (e.getCause() instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            field = JsonPaths.of(bind.getPath());
            message = "has the wrong type or format";
        } else if (e.getCause() instanceof JacksonException json) {
            message = "is not valid JSON: " + json.getOriginalMessage();
        } else if (e.getCause() == null) {
            message = "is missing";
        }
        return ResponseEntity.badRequest().body(invalidInput(List.of(Map.of("field", field, "message", message))));
    }

    static ProblemDetail invalidInput(List<Map<String, String>> errors) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "Invalid input",
                errors.isEmpty()
                        ? "The request is invalid"
                        : errors.stream()
                                .map(m -> m.get("field") + ": " + m.get("message"))
                                .reduce((a, b) -> a + "; " + b)
                                .orElseThrow());
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "Instant", "OffsetDateTime" -> "ISO-8601 timestamp (e.g. 2026-11-23T09:00:00Z)";
            case "Integer", "int", "Long", "long" -> "whole number";
            default -> type.isEnum() ? "value, one of " + List.of(type.getEnumConstants()) : type.getSimpleName();
        };
    }
}
