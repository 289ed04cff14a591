package dev.klaxon.intake.internal;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The fields alert rules match on, from an alert event: {@code payload.*}, and {@code labels.*} plus
 * {@code annotations.*} for Alertmanager alerts or {@code custom_details.*} for Events API alerts.
 */
final class RuleFields {

    private RuleFields() {}

    static Map<String, String> of(AlertEvent e, ObjectMapper json) {
        Map<String, String> fields = new HashMap<>();
        put(fields, "payload.severity", e.severity());
        put(fields, "payload.component", e.component());
        put(fields, "payload.group", e.group());
        put(fields, "payload.class", e.eventClass());
        put(fields, "payload.source", e.source());
        put(fields, "payload.summary", e.summary());
        if (e.labelsJson() != null) {
            // Alertmanager: labels, and the annotations kept as the alert's details.
            flatten(fields, "labels.", e.labelsJson(), json);
            flatten(fields, "annotations.", e.customDetailsJson(), json);
        } else {
            flatten(fields, "custom_details.", e.customDetailsJson(), json);
        }
        return fields;
    }

    private static void flatten(Map<String, String> fields, String prefix, String jsonText, ObjectMapper json) {
        if (jsonText == null) {
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(jsonText);
        } catch (JacksonException e) {
            return; // stored as sent; a value rules cannot read matches no field condition
        }
        if (!node.isObject()) {
            return;
        }
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            put(fields, prefix + entry.getKey(), value.isValueNode() ? value.asString() : value.toString());
        }
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
