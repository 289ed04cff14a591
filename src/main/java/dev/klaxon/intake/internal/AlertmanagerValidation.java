package dev.klaxon.intake.internal;

import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Validates an Alertmanager webhook notification (payload version 4) and turns each alert into one event
 * keyed by its fingerprint. Pure: no Spring, no database.
 */
public final class AlertmanagerValidation {

    /** Alertmanager's own default for {@code pagerduty_configs.severity}: the same alert gets the same severity. */
    public static final String DEFAULT_SEVERITY = "error";

    private AlertmanagerValidation() {}

    /** One alert of the notification, ready to become an {@link AlertEvent}. */
    public record AmAlert(
            boolean firing,
            String fingerprint,
            String summary,
            String source,
            String severity,
            String alertname,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            String generatorUrl) {}

    public record Result(List<AmAlert> alerts, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Result validate(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return new Result(List.of(), List.of(new FieldError("body", "must be a JSON object")));
        }
        JsonNode version = JsonFields.get(root, "version");
        if (version != null && !(version.isString() && "4".equals(version.stringValue()))) {
            errors.add(new FieldError("version", "must be \"4\" (the Alertmanager webhook payload version)"));
        }
        JsonNode status = JsonFields.get(root, "status");
        if (status != null && !isOneOf(status, "firing", "resolved")) {
            errors.add(new FieldError("status", "must be \"firing\" or \"resolved\""));
        }
        JsonNode alerts = JsonFields.get(root, "alerts");
        List<AmAlert> result = new ArrayList<>();
        if (alerts == null) {
            errors.add(new FieldError("alerts", "is missing"));
        } else if (!alerts.isArray()) {
            errors.add(new FieldError("alerts", "must be an array"));
        } else {
            for (int i = 0; i < alerts.size(); i++) {
                AmAlert alert = alert(alerts.get(i), "alerts[" + i + "]", errors);
                if (alert != null) {
                    result.add(alert);
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Result(List.of(), List.copyOf(errors));
        }
        return new Result(List.copyOf(result), List.of());
    }

    private static AmAlert alert(JsonNode node, String path, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        int before = errors.size();
        JsonNode status = JsonFields.get(node, "status");
        if (status == null) {
            errors.add(new FieldError(path + ".status", "is missing"));
        } else if (!isOneOf(status, "firing", "resolved")) {
            errors.add(new FieldError(path + ".status", "must be \"firing\" or \"resolved\""));
        }
        Map<String, String> labels = stringMap(node, "labels", path, errors);
        Map<String, String> annotations = stringMap(node, "annotations", path, errors);
        if (JsonFields.get(node, "labels") == null) {
            errors.add(new FieldError(path + ".labels", "is missing"));
        }
        String fingerprint = text(node, "fingerprint", path, errors);
        if (fingerprint == null || fingerprint.isBlank()) {
            if (JsonFields.get(node, "fingerprint") == null) {
                errors.add(new FieldError(path + ".fingerprint", "is missing"));
            } else if (fingerprint != null) {
                errors.add(new FieldError(path + ".fingerprint", "must not be blank"));
            }
        } else if (JsonFields.length(fingerprint) > EventsV2Validation.MAX_DEDUP_KEY_LENGTH) {
            errors.add(new FieldError(
                    path + ".fingerprint",
                    "must be at most " + EventsV2Validation.MAX_DEDUP_KEY_LENGTH + " characters"));
        }
        Instant startsAt = timestamp(node, "startsAt", path, errors);
        timestamp(node, "endsAt", path, errors);
        String generatorUrl = text(node, "generatorURL", path, errors);
        if (errors.size() > before) {
            return null;
        }
        String alertname = labels.get("alertname");
        String instance = labels.get("instance");
        String summary = firstNonBlank(annotations.get("summary"), annotations.get("description"));
        if (summary == null) {
            summary = alertname == null ? "Alert " + fingerprint : alertname;
            if (instance != null && !instance.isBlank()) {
                summary = summary + " on " + instance;
            }
        }
        String source = firstNonBlank(instance, labels.get("job"), "alertmanager");
        return new AmAlert(
                "firing".equals(status.stringValue()),
                fingerprint,
                JsonFields.truncate(summary.strip(), EventsV2Validation.MAX_SUMMARY_LENGTH),
                JsonFields.truncate(source, EventsV2Validation.MAX_FIELD_LENGTH),
                severity(labels.get("severity")),
                alertname,
                labels,
                annotations,
                startsAt,
                generatorUrl);
    }

    /**
     * Maps the common {@code severity} label spellings to PagerDuty's four; anything else (or none) is
     * {@value #DEFAULT_SEVERITY}.
     */
    public static String severity(String label) {
        if (label == null) {
            return DEFAULT_SEVERITY;
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "emergency", "fatal", "disaster", "p1" -> "critical";
            case "error", "err", "high", "major", "p2" -> "error";
            case "warning", "warn", "medium", "minor", "average", "p3" -> "warning";
            case "info", "informational", "information", "low", "none", "notice", "debug", "p4", "p5" -> "info";
            default -> DEFAULT_SEVERITY;
        };
    }

    private static boolean isOneOf(JsonNode node, String a, String b) {
        return node.isString() && (a.equals(node.stringValue()) || b.equals(node.stringValue()));
    }

    private static String text(JsonNode node, String name, String path, List<FieldError> errors) {
        JsonNode value = JsonFields.get(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(path + "." + name, "must be a string"));
            return null;
        }
        return value.stringValue();
    }

    private static Instant timestamp(JsonNode node, String name, String path, List<FieldError> errors) {
        String value = text(node, name, path, errors);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant parsed = JsonFields.parseTimestamp(value);
        if (parsed == null) {
            errors.add(new FieldError(path + "." + name, "must be an RFC 3339 timestamp"));
        }
        return parsed;
    }

    private static Map<String, String> stringMap(JsonNode node, String name, String path, List<FieldError> errors) {
        JsonNode value = JsonFields.get(node, name);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(path + "." + name, "must be an object of strings"));
            return map;
        }
        for (var entry : value.properties()) {
            if (!entry.getValue().isString()) {
                errors.add(new FieldError(path + "." + name + "." + entry.getKey(), "must be a string"));
            } else {
                map.put(entry.getKey(), entry.getValue().stringValue());
            }
        }
        return map;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
