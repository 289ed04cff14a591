package dev.klaxon.intake.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Validates PagerDuty Events API v2 alert and change events, field by field, collecting every problem in
 * PagerDuty's wording ({@code "'payload.summary' is missing or blank"}). Pure: no Spring, no database.
 */
public final class EventsV2Validation {

    public static final int ROUTING_KEY_LENGTH = 32;
    public static final int MAX_DEDUP_KEY_LENGTH = 255;
    public static final int MAX_SUMMARY_LENGTH = 1024;
    /** Klaxon's limit for source, component, group and class (PagerDuty documents none). */
    public static final int MAX_FIELD_LENGTH = 1024;

    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private EventsV2Validation() {}

    /** A valid alert event, before its routing key is resolved to an integration. */
    public record AlertFields(
            String routingKey,
            AlertAction action,
            String dedupKey,
            boolean dedupKeyGenerated,
            String summary,
            String source,
            String severity,
            Instant timestamp,
            String component,
            String group,
            String eventClass,
            JsonNode customDetails,
            JsonNode links,
            JsonNode images) {}

    /** A valid change event, before its routing key is resolved. */
    public record ChangeFields(
            String routingKey,
            String summary,
            String source,
            Instant timestamp,
            JsonNode customDetails,
            JsonNode links) {}

    /** Either the fields or the errors; {@code action} is known when event_action was valid. */
    public record Result<T>(T fields, List<String> errors, AlertAction action) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Result<AlertFields> alert(JsonNode root, Supplier<String> dedupKeyGenerator) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return new Result<>(null, List.of("Event object must be a JSON object"), null);
        }
        String routingKey = routingKey(root, errors);

        AlertAction action = null;
        String actionText = string(root, "event_action", errors);
        if (actionText == null || actionText.isBlank()) {
            if (!hasTypeError(errors, "event_action")) {
                errors.add("'event_action' is missing or blank");
            }
        } else {
            action = AlertAction.fromWire(actionText);
            if (action == null) {
                errors.add(
                        "'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
            }
        }

        String dedupKey = string(root, "dedup_key", errors);
        boolean generated = false;
        if (dedupKey != null && JsonFields.length(dedupKey) > MAX_DEDUP_KEY_LENGTH) {
            errors.add(
                    "Length of 'dedup_key' is incorrect (should be at most " + MAX_DEDUP_KEY_LENGTH + " characters)");
        }
        if (dedupKey == null || dedupKey.isBlank()) {
            dedupKey = null;
            if ((action == AlertAction.ACKNOWLEDGE || action == AlertAction.RESOLVE)
                    && !hasTypeError(errors, "dedup_key")) {
                errors.add("'dedup_key' is missing or blank (it is required for 'acknowledge' and 'resolve')");
            }
        }

        String summary = null;
        String source = null;
        String severity = null;
        Instant timestamp = null;
        String component = null;
        String group = null;
        String eventClass = null;
        JsonNode customDetails = null;
        // Acknowledge and resolve events need no payload; when one is sent (Alertmanager does) it is ignored.
        if (action == AlertAction.TRIGGER || action == null) {
            JsonNode payload = JsonFields.get(root, "payload");
            if (payload == null) {
                if (action == AlertAction.TRIGGER) {
                    errors.add("'payload' is missing");
                }
            } else if (!payload.isObject()) {
                errors.add("'payload' must be a JSON object");
            } else {
                summary = requiredText(payload, "payload.summary", "summary", MAX_SUMMARY_LENGTH, errors);
                source = requiredText(payload, "payload.source", "source", MAX_FIELD_LENGTH, errors);
                String severityText = string(payload, "severity", "payload.severity", errors);
                if (severityText == null || severityText.isBlank()) {
                    if (!hasTypeError(errors, "payload.severity")) {
                        errors.add("'payload.severity' is missing or blank");
                    }
                } else if (!SEVERITIES.contains(severityText)) {
                    errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'error',"
                            + " 'warning' or 'info')");
                } else {
                    severity = severityText;
                }
                timestamp = timestamp(payload, "payload.timestamp", errors);
                component = optionalText(payload, "component", "payload.component", errors);
                group = optionalText(payload, "group", "payload.group", errors);
                eventClass = optionalText(payload, "class", "payload.class", errors);
                customDetails = JsonFields.get(payload, "custom_details");
            }
        }
        JsonNode links = array(root, "links", errors);
        JsonNode images = array(root, "images", errors);
        optionalText(root, "client", "client", errors);
        optionalText(root, "client_url", "client_url", errors);

        if (!errors.isEmpty()) {
            return new Result<>(null, List.copyOf(errors), action);
        }
        if (dedupKey == null) {
            dedupKey = dedupKeyGenerator.get();
            generated = true;
        }
        return new Result<>(
                new AlertFields(
                        routingKey,
                        action,
                        dedupKey,
                        generated,
                        summary,
                        source,
                        severity,
                        timestamp,
                        component,
                        group,
                        eventClass,
                        customDetails,
                        links,
                        images),
                List.of(),
                action);
    }

    public static Result<ChangeFields> change(JsonNode root) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return new Result<>(null, List.of("Event object must be a JSON object"), null);
        }
        String routingKey = routingKey(root, errors);
        String summary = null;
        String source = null;
        Instant timestamp = null;
        JsonNode customDetails = null;
        JsonNode payload = JsonFields.get(root, "payload");
        if (payload == null) {
            errors.add("'payload' is missing");
        } else if (!payload.isObject()) {
            errors.add("'payload' must be a JSON object");
        } else {
            summary = requiredText(payload, "payload.summary", "summary", MAX_SUMMARY_LENGTH, errors);
            source = optionalText(payload, "source", "payload.source", errors);
            if (source != null && JsonFields.length(source) > MAX_FIELD_LENGTH) {
                errors.add("'payload.source' is too long (should be at most " + MAX_FIELD_LENGTH + " characters)");
            }
            timestamp = timestamp(payload, "payload.timestamp", errors);
            customDetails = JsonFields.get(payload, "custom_details");
        }
        JsonNode links = array(root, "links", errors);
        if (!errors.isEmpty()) {
            return new Result<>(null, List.copyOf(errors), null);
        }
        return new Result<>(
                new ChangeFields(routingKey, summary, source, timestamp, customDetails, links), List.of(), null);
    }

    private static String routingKey(JsonNode root, List<String> errors) {
        String routingKey = string(root, "routing_key", errors);
        if (routingKey == null || routingKey.isBlank()) {
            if (!hasTypeError(errors, "routing_key")) {
                errors.add("'routing_key' is missing or blank");
            }
            return null;
        }
        if (routingKey.length() != ROUTING_KEY_LENGTH) {
            errors.add("Length of 'routing_key' is incorrect (should be " + ROUTING_KEY_LENGTH + " characters)");
        }
        return routingKey;
    }

    private static String requiredText(JsonNode parent, String path, String name, int max, List<String> errors) {
        String value = string(parent, name, path, errors);
        if (value == null || value.isBlank()) {
            if (!hasTypeError(errors, path)) {
                errors.add("'" + path + "' is missing or blank");
            }
            return null;
        }
        if (JsonFields.length(value) > max) {
            errors.add("'" + path + "' is too long (should be at most " + max + " characters)");
        }
        return value;
    }

    private static String optionalText(JsonNode parent, String name, String path, List<String> errors) {
        String value = string(parent, name, path, errors);
        if (value != null && JsonFields.length(value) > MAX_FIELD_LENGTH) {
            errors.add("'" + path + "' is too long (should be at most " + MAX_FIELD_LENGTH + " characters)");
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant timestamp(JsonNode parent, String path, List<String> errors) {
        String value = string(parent, "timestamp", path, errors);
        if (value == null) {
            return null;
        }
        Instant parsed = JsonFields.parseTimestamp(value);
        if (parsed == null) {
            errors.add("'" + path + "' is not a valid ISO 8601 timestamp (e.g. 2015-07-17T08:42:58.315+0000)");
        }
        return parsed;
    }

    private static JsonNode array(JsonNode root, String name, List<String> errors) {
        JsonNode node = JsonFields.get(root, name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            errors.add("'" + name + "' must be an array of objects");
            return null;
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                errors.add("'" + name + "[" + i + "]' must be an object");
            }
        }
        return node;
    }

    private static String string(JsonNode parent, String name, List<String> errors) {
        return string(parent, name, name, errors);
    }

    /** The string value of a field; null when absent, with an error when it is not a string. */
    private static String string(JsonNode parent, String name, String path, List<String> errors) {
        JsonNode node = JsonFields.get(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            errors.add("'" + path + "' must be a string");
            return null;
        }
        return node.stringValue();
    }

    private static boolean hasTypeError(List<String> errors, String path) {
        return errors.contains("'" + path + "' must be a string");
    }
}
