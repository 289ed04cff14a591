package dev.klaxon.slo.web;

import static dev.klaxon.slo.web.ImportReport.join;
import static dev.klaxon.slo.web.ImportReport.text;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * OpenSLO v1 ({@code apiVersion: openslo/v1, kind: SLO}) for an SLO definition: the objective, the window, the
 * occurrences budgeting method and an inline ratio indicator whose {@code good}/{@code bad} and {@code total}
 * metric sources are Prometheus queries (pull mode) or Klaxon's push endpoint. Klaxon's own settings (priority,
 * SLI kind and ratio, stakeholder groups, non-default alerting) travel as {@code klaxon.dev/*} annotations;
 * alerting is not part of an OpenSLO SLO, so an import without that annotation gets the default alerting.
 */
final class OpenSloFormat {

    static final String API_VERSION = "openslo/v1";
    static final String PRIORITY = "klaxon.dev/priority";
    static final String SLI_KIND = "klaxon.dev/sli-kind";
    static final String SLI_RATIO = "klaxon.dev/sli-ratio";
    static final String GROUPS = "klaxon.dev/stakeholder-groups";
    static final String ALERTING = "klaxon.dev/alerting";
    static final String ID = "klaxon.dev/id";
    private static final Pattern ROLLING = Pattern.compile("(\\d{1,2})([dw])");
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private OpenSloFormat() {}

    static boolean isOpenSlo(JsonNode doc) {
        return text(doc.path("apiVersion")) != null
                && text(doc.path("apiVersion")).startsWith("openslo/");
    }

    static String export(SloView slo, String serviceName) {
        return YAML.writeValueAsString(document(slo, serviceName));
    }

    static Map<String, Object> document(SloView slo, String serviceName) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", "SLO");
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(ID, slo.id().toString());
        annotations.put(SLI_KIND, slo.sliKind());
        annotations.put(SLI_RATIO, slo.sliRatio());
        if (slo.priority() != null) {
            annotations.put(PRIORITY, slo.priority());
        }
        if (!slo.stakeholderGroups().isEmpty()) {
            annotations.put(GROUPS, String.join(",", slo.stakeholderGroups()));
        }
        if (!slo.alerting().equals(AlertingSettings.multiWindowDefaults())) {
            annotations.put(ALERTING, ImportReport.JSON.writeValueAsString(slo.alerting()));
        }
        doc.put("metadata", Map.of("name", slug(slo.name()), "displayName", slo.name(), "annotations", annotations));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (slo.description() != null) {
            spec.put("description", slo.description());
        }
        spec.put("service", serviceName);
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("counter", true);
        SliQueries q = slo.queries();
        if (q == null) {
            Map<String, Object> push = Map.of(
                    "metricSource",
                    Map.of("type", "klaxon", "spec", Map.of("push", "/api/v1/slos/" + slo.id() + "/events")));
            ratio.put(slo.sliRatio(), push);
            ratio.put("total", push);
        } else {
            ratio.put(q.goodQuery() != null ? "good" : "bad", prometheus(q.eventQuery()));
            ratio.put("total", prometheus(q.totalQuery()));
        }
        spec.put(
                "indicator",
                Map.of("metadata", Map.of("name", slug(slo.name()) + "-sli"), "spec", Map.of("ratioMetric", ratio)));
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
        return doc;
    }

    private static Map<String, Object> prometheus(String query) {
        return Map.of("metricSource", Map.of("type", "Prometheus", "spec", Map.of("query", query)));
    }

    /** The SLO the document describes, for the given service (the single-document endpoint). */
    static SloSpec parse(String yaml, UUID serviceId) {
        var report = new ImportReport();
        SloDocuments.read(yaml, report);
        if (report.slos.size() != 1 || !report.formats.equals(Set.of("openslo"))) {
            throw InvalidInputException.of(
                    "apiVersion", "must be an OpenSLO document with apiVersion openslo/v1 and kind SLO");
        }
        var spec = report.slos.get(0).spec();
        return new SloSpec(
                serviceId,
                spec.name(),
                spec.description(),
                spec.sliKind(),
                spec.sliRatio(),
                spec.objective(),
                spec.window(),
                spec.priority(),
                spec.priorityFrequency(),
                spec.stakeholderGroups(),
                spec.alerting(),
                spec.queries());
    }

    /** Reads one OpenSLO document into the report; kinds other than SLO are reported as not imported. */
    static void read(JsonNode doc, String path, ImportReport report) {
        report.formats.add("openslo");
        String kind = text(doc.path("kind"));
        if (!API_VERSION.equals(text(doc.path("apiVersion")))) {
            throw InvalidInputException.of(
                    join(path, "apiVersion"), "only OpenSLO v1 is supported (apiVersion: openslo/v1)");
        }
        if (!"SLO".equals(kind)) {
            report.ignore(
                    path.isEmpty() ? "kind" : path,
                    "OpenSLO kind " + kind + " is not imported (only SLO documents with an inline indicator are)");
            return;
        }
        report.unknownFields(doc, path, Set.of("api_version", "kind", "metadata", "spec"));
        var metadata = doc.path("metadata");
        String metadataPath = join(path, "metadata");
        report.unknownFields(metadata, metadataPath, Set.of("name", "display_name", "annotations", "labels"));
        if (!metadata.path("labels").isMissingNode()) {
            report.ignore(join(metadataPath, "labels"), "labels are not used by Klaxon");
        }
        var annotations = metadata.path("annotations");
        for (String key : annotations.propertyNames()) {
            if (!key.startsWith("klaxon.dev/")) {
                report.ignore(join(metadataPath, "annotations." + key), "annotations are not used by Klaxon");
            }
        }
        var spec = doc.path("spec");
        String specPath = join(path, "spec");
        report.unknownFields(
                spec,
                specPath,
                Set.of("description", "service", "indicator", "time_window", "budgeting_method", "objectives"));
        String name = text(metadata.path("displayName")) != null
                ? text(metadata.path("displayName"))
                : text(metadata.path("name"));
        String method = text(spec.path("budgetingMethod"));
        if (method != null && !method.equals("Occurrences")) {
            throw InvalidInputException.of(
                    join(specPath, "budgetingMethod"), "only Occurrences is supported (Klaxon budgets count events)");
        }
        var objectives = spec.path("objectives");
        var objective = objectives.path(0);
        String objectivePath = join(specPath, "objectives[0]");
        report.unknownFields(objective, objectivePath, Set.of("display_name", "target", "target_percent"));
        for (int i = 1; i < objectives.size(); i++) {
            report.ignore(join(specPath, "objectives[" + i + "]"), "only the first objective is imported");
        }
        Double target = objective.path("target").isNumber()
                ? objective.path("target").asDouble() * 100
                : objective.path("targetPercent").isNumber()
                        ? objective.path("targetPercent").asDouble()
                        : null;
        var windows = spec.path("timeWindow");
        var window = windows.path(0);
        for (int i = 1; i < windows.size(); i++) {
            report.ignore(join(specPath, "timeWindow[" + i + "]"), "only the first time window is imported");
        }
        String duration = text(window.path("duration"));
        String klaxonWindow;
        if (duration != null
                && window.path("isRolling").asBoolean(false)
                && ROLLING.matcher(duration).matches()) {
            var m = ROLLING.matcher(duration);
            m.matches();
            int days = Integer.parseInt(m.group(1)) * (m.group(2).equals("w") ? 7 : 1);
            klaxonWindow = "P" + days + "D";
        } else if ("1M".equals(duration) && !window.path("isRolling").asBoolean(false)) {
            klaxonWindow = "month";
        } else {
            throw InvalidInputException.of(
                    join(specPath, "timeWindow"),
                    "must be a rolling window in days or weeks (e.g. 28d, 4w) or the calendar month (1M)");
        }
        if (window.path("calendar").path("timeZone").isString()
                && !"UTC".equals(window.path("calendar").path("timeZone").asString())) {
            report.ignore(join(specPath, "timeWindow[0].calendar.timeZone"), "calendar months are counted in UTC");
        }
        var indicator = spec.path("indicator");
        String indicatorPath = join(specPath, "indicator");
        SliQueries queries = null;
        String ratioKey = null;
        if (!spec.path("indicatorRef").isMissingNode()) {
            report.ignore(
                    join(specPath, "indicatorRef"),
                    "separate SLI documents are not supported; the SLO's counts are pushed");
        }
        if (indicator.isObject()) {
            report.unknownFields(indicator, indicatorPath, Set.of("metadata", "spec"));
            var indicatorSpec = indicator.path("spec");
            report.unknownFields(indicatorSpec, join(indicatorPath, "spec"), Set.of("ratio_metric"));
            var ratio = indicatorSpec.path("ratioMetric");
            String ratioPath = join(indicatorPath, "spec.ratioMetric");
            report.unknownFields(ratio, ratioPath, Set.of("counter", "good", "bad", "total"));
            ratioKey = ratio.has("bad") && !ratio.has("good") ? "bad" : "good";
            String event = query(ratio.path(ratioKey), join(ratioPath, ratioKey), report);
            String total = query(ratio.path("total"), join(ratioPath, "total"), report);
            if (event != null && total != null) {
                queries = ratioKey.equals("good")
                        ? new SliQueries(event, null, total)
                        : new SliQueries(null, event, total);
            } else if (event != null || total != null) {
                report.ignore(
                        ratioPath,
                        "pull mode needs Prometheus queries for both " + ratioKey
                                + " and total events; the SLO's counts are pushed");
            }
        }
        AlertingSettings alerting = text(annotations.path(ALERTING)) == null
                ? null
                : ImportReport.alerting(
                        text(annotations.path(ALERTING)), join(metadataPath, "annotations." + ALERTING), report);
        String groups = text(annotations.path(GROUPS));
        report.slos.add(new ImportReport.Candidate(
                path,
                text(spec.path("service")) == null ? "" : text(spec.path("service")),
                join(specPath, "service"),
                new SloSpec(
                        null,
                        name,
                        text(spec.path("description")),
                        text(annotations.path(SLI_KIND)),
                        text(annotations.path(SLI_RATIO)) != null ? text(annotations.path(SLI_RATIO)) : ratioKey,
                        target,
                        klaxonWindow,
                        text(annotations.path(PRIORITY)),
                        null,
                        groups == null || groups.isBlank()
                                ? null
                                : Arrays.stream(groups.split(","))
                                        .map(String::strip)
                                        .toList(),
                        alerting,
                        queries)));
    }

    /** The Prometheus query of a ratio part, or null (Klaxon push source, or reported as not supported). */
    private static String query(JsonNode part, String path, ImportReport report) {
        if (part.isMissingNode()) {
            return null;
        }
        report.unknownFields(part, path, Set.of("metric_source"));
        var source = part.path("metricSource");
        String type = text(source.path("type"));
        if (type == null) {
            return null;
        }
        if (type.equalsIgnoreCase("klaxon")) {
            return null;
        }
        if (!type.equalsIgnoreCase("prometheus")) {
            report.ignore(
                    join(path, "metricSource"),
                    "metric source type " + type + " is not supported (only Prometheus); the SLO's counts are pushed");
            return null;
        }
        String query = text(source.path("spec").path("query"));
        if (query == null) {
            report.ignore(join(path, "metricSource.spec"), "a Prometheus metric source needs spec.query");
        }
        for (String key : source.path("spec").propertyNames()) {
            if (!key.equals("query")) {
                report.ignore(join(path, "metricSource.spec." + key), "not supported by Klaxon");
            }
        }
        return query;
    }

    private static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "slo" : slug.length() > 63 ? slug.substring(0, 63) : slug;
    }
}
