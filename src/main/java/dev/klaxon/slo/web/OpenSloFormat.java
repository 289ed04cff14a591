package dev.klaxon.slo.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * OpenSLO v1 ({@code apiVersion: openslo/v1, kind: SLO}) for an SLO definition: the objective, the window, the
 * occurrences budgeting method and an inline ratio indicator. Klaxon's own settings (priority, SLI kind,
 * stakeholder groups) travel as {@code klaxon.dev/*} annotations; alerting is not part of an OpenSLO SLO, so an
 * import gets the default alerting.
 */
final class OpenSloFormat {

    static final String PRIORITY = "klaxon.dev/priority";
    static final String SLI_KIND = "klaxon.dev/sli-kind";
    private static final Pattern ROLLING = Pattern.compile("(\\d{1,2})d");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private OpenSloFormat() {}

    static String export(SloView slo, String serviceName) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "openslo/v1");
        doc.put("kind", "SLO");
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("klaxon.dev/id", slo.id().toString());
        annotations.put(SLI_KIND, slo.sliKind());
        if (slo.priority() != null) {
            annotations.put(PRIORITY, slo.priority());
        }
        doc.put("metadata", Map.of("name", slug(slo.name()), "displayName", slo.name(), "annotations", annotations));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (slo.description() != null) {
            spec.put("description", slo.description());
        }
        spec.put("service", serviceName);
        Map<String, Object> source = Map.of(
                "metricSource",
                Map.of("type", "klaxon", "spec", Map.of("push", "/api/v1/slos/" + slo.id() + "/events")));
        spec.put(
                "indicator",
                Map.of(
                        "metadata",
                        Map.of("name", slug(slo.name()) + "-sli"),
                        "spec",
                        Map.of("ratioMetric", Map.of("counter", true, slo.sliRatio(), source, "total", source))));
        spec.put(
                "timeWindow",
                List.of(
                        slo.sloWindow().isCalendarMonth()
                                ? Map.of(
                                        "duration",
                                        "1M",
                                        "isRolling",
                                        false,
                                        "calendar",
                                        Map.of("startTime", "2020-01-01 00:00:00", "timeZone", "UTC"))
                                : Map.of("duration", slo.sloWindow().rolling().toDays() + "d", "isRolling", true)));
        spec.put("budgetingMethod", "Occurrences");
        spec.put("objectives", List.of(Map.of("displayName", slo.name(), "target", slo.objective() / 100)));
        doc.put("spec", spec);
        return YAML.writeValueAsString(doc);
    }

    /** The SLO the document describes, for the given service. */
    static SloSpec parse(String yaml, UUID serviceId) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw InvalidInputException.of("body", "is not YAML: " + e.getOriginalMessage());
        }
        if (doc == null
                || !"openslo/v1".equals(text(doc.path("apiVersion")))
                || !"SLO".equals(text(doc.path("kind")))) {
            throw InvalidInputException.of(
                    "apiVersion", "must be an OpenSLO document with apiVersion openslo/v1 and kind SLO");
        }
        var metadata = doc.path("metadata");
        var spec = doc.path("spec");
        String name = text(metadata.path("displayName")) != null
                ? text(metadata.path("displayName"))
                : text(metadata.path("name"));
        String method = text(spec.path("budgetingMethod"));
        if (method != null && !method.equals("Occurrences")) {
            throw InvalidInputException.of(
                    "spec.budgetingMethod", "only Occurrences is supported (Klaxon budgets count events)");
        }
        var objective = spec.path("objectives").path(0);
        Double target = objective.path("target").isNumber()
                ? objective.path("target").asDouble() * 100
                : objective.path("targetPercent").isNumber()
                        ? objective.path("targetPercent").asDouble()
                        : null;
        var window = spec.path("timeWindow").path(0);
        String duration = text(window.path("duration"));
        String klaxonWindow;
        if (duration != null
                && window.path("isRolling").asBoolean(false)
                && ROLLING.matcher(duration).matches()) {
            klaxonWindow = "P" + duration.substring(0, duration.length() - 1) + "D";
        } else if ("1M".equals(duration) && !window.path("isRolling").asBoolean(false)) {
            klaxonWindow = "month";
        } else {
            throw InvalidInputException.of(
                    "spec.timeWindow", "must be a rolling window in days (e.g. 28d) or the calendar month (1M)");
        }
        var ratio = spec.path("indicator").path("spec").path("ratioMetric");
        String sliRatio = ratio.has("bad") && !ratio.has("good") ? "bad" : "good";
        var annotations = metadata.path("annotations");
        return new SloSpec(
                serviceId,
                name,
                text(spec.path("description")),
                text(annotations.path(SLI_KIND)),
                sliRatio,
                target,
                klaxonWindow,
                text(annotations.path(PRIORITY)),
                null,
                null,
                null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "slo" : slug.length() > 63 ? slug.substring(0, 63) : slug;
    }
}
