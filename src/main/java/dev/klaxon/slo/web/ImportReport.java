package dev.klaxon.slo.web;

import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SloSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an import read: the SLOs found (each with the service its document names) and everything the document
 * said that Klaxon does not use, by path, so that nothing is dropped silently.
 */
final class ImportReport {

    /** Alerting settings as JSON in a label or annotation, for a faithful round trip of custom alerting. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    /**
     * An SLO read from a document; {@code spec.serviceId()} is still empty.
     *
     * @param service the name of the service the document gives ("" if none), at {@code servicePath}
     */
    record Candidate(String path, String service, String servicePath, SloSpec spec) {}

    /** A field that was not imported, and why. */
    record Ignored(String path, String reason) {}

    final List<Candidate> slos = new ArrayList<>();
    final List<Ignored> ignored = new ArrayList<>();
    final Set<String> formats = new HashSet<>();

    void ignore(String path, String reason) {
        ignored.add(new Ignored(path, reason));
    }

    /** Reports every field of {@code node} not among {@code known} (snake_case and camelCase both count). */
    void unknownFields(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String name : node.propertyNames()) {
            if (!known.contains(name) && !known.contains(snake(name))) {
                ignore(join(path, name), "not supported by Klaxon");
            }
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A field by its snake_case name or its camelCase spelling (Sloth accepts both). */
    static JsonNode field(JsonNode node, String snakeName) {
        JsonNode value = node.path(snakeName);
        return value.isMissingNode() ? node.path(camel(snakeName)) : value;
    }

    /** The spelling of a field the document uses (snake_case unless only camelCase is there). */
    static String key(JsonNode node, String snakeName) {
        return node.has(snakeName) || !node.has(camel(snakeName)) ? snakeName : camel(snakeName);
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    static AlertingSettings alerting(String json, String path, ImportReport report) {
        try {
            return JSON.readValue(json, AlertingSettings.class);
        } catch (RuntimeException e) {
            report.ignore(path, "is not Klaxon alerting settings as JSON; the defaults apply");
            return null;
        }
    }

    private static String camel(String snake) {
        var out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
