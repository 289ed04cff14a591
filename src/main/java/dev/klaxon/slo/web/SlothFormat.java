package dev.klaxon.slo.web;

import static dev.klaxon.slo.web.ImportReport.field;
import static dev.klaxon.slo.web.ImportReport.join;
import static dev.klaxon.slo.web.ImportReport.text;

import dev.klaxon.slo.AlertCondition;
import dev.klaxon.slo.AlertingSettings;
import dev.klaxon.slo.SliQueries;
import dev.klaxon.slo.SloSpec;
import dev.klaxon.slo.SloView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Sloth's {@code prometheus/v1} spec, plain ({@code version: prometheus/v1}) or as the Kubernetes resource
 * ({@code apiVersion: sloth.slok.dev/v1, kind: PrometheusServiceLevel}). Sloth generates Prometheus rules from
 * it; Klaxon reads the SLO part and pulls the event queries itself.
 *
 * <ul>
 *   <li>{@code sli.events}: {@code error_query} is the bad events, {@code total_query} all events (pull mode);
 *       {@code sli.raw} and {@code sli.plugin} are reported as not supported and the SLO gets pushed counts;
 *   <li>the window is Sloth's default 30 days (Sloth has no window in the spec);
 *   <li>{@code alerting.page_alert} / {@code ticket_alert} map onto Klaxon's multi-window, multi-burn-rate
 *       defaults ({@code fast-burn}, {@code slow-burn}: page; {@code budget-burn}: ticket); {@code disable: true}
 *       drops them; names, labels and annotations of Prometheus alerts are reported as not used.
 * </ul>
 *
 * <p>Klaxon's own settings travel as {@code infoLabels} with a {@code klaxon_} prefix (Sloth only adds those to
 * its {@code sloth_slo_info} metric), so an export imports back into the same SLOs.
 */
final class SlothFormat {

    static final String VERSION = "prometheus/v1";
    static final String KIND = "PrometheusServiceLevel";
    static final String API_VERSION = "sloth.slok.dev/v1";
    static final String DEFAULT_WINDOW = "P30D";

    static final String NAME = "klaxon_name";
    static final String WINDOW = "klaxon_window";
    static final String SLI_KIND = "klaxon_sli_kind";
    static final String SLI_RATIO = "klaxon_sli_ratio";
    static final String PRIORITY = "klaxon_priority";
    static final String GROUPS = "klaxon_stakeholder_groups";
    static final String GOOD_QUERY = "klaxon_good_query";
    static final String ALERTING = "klaxon_alerting";

    private static final Set<String> PAGE_CONDITIONS = Set.of("fast-burn", "slow-burn");
    private static final Set<String> TICKET_CONDITIONS = Set.of("budget-burn");

    private SlothFormat() {}

    static boolean isPlain(JsonNode doc) {
        return VERSION.equals(text(doc.path("version")));
    }

    static boolean isKubernetes(JsonNode doc) {
        return API_VERSION.equals(text(doc.path("apiVersion"))) && KIND.equals(text(doc.path("kind")));
    }

    /** Reads one Sloth document (plain or Kubernetes) into the report. */
    static void read(JsonNode doc, String path, ImportReport report) {
        report.formats.add("sloth");
        JsonNode spec = doc;
        String specPath = path;
        if (isKubernetes(doc)) {
            report.unknownFields(doc, path, Set.of("api_version", "kind", "metadata", "spec"));
            if (doc.path("metadata").isObject()) {
                report.ignore(join(path, "metadata"), "Kubernetes metadata is not used");
            }
            spec = doc.path("spec");
            specPath = join(path, "spec");
            report.unknownFields(spec, specPath, Set.of("service", "labels", "slos"));
        } else {
            report.unknownFields(doc, path, Set.of("version", "service", "labels", "slos"));
        }
        String service = text(spec.path("service"));
        if (spec.path("labels").isObject() && !spec.path("labels").isEmpty()) {
            report.ignore(join(specPath, "labels"), "Prometheus labels for generated rules; Klaxon generates no rules");
        }
        JsonNode slos = spec.path("slos");
        for (int i = 0; i < slos.size(); i++) {
            String sloPath = join(specPath, "slos[" + i + "]");
            report.slos.add(new ImportReport.Candidate(
                    sloPath,
                    service == null ? "" : service,
                    join(specPath, "service"),
                    slo(slos.get(i), sloPath, report)));
        }
    }

    private static SloSpec slo(JsonNode slo, String path, ImportReport report) {
        report.unknownFields(
                slo, path, Set.of("name", "description", "objective", "labels", "info_labels", "sli", "alerting"));
        if (slo.path("labels").isObject() && !slo.path("labels").isEmpty()) {
            report.ignore(join(path, "labels"), "Prometheus labels for generated rules; Klaxon generates no rules");
        }
        JsonNode info = field(slo, "info_labels");
        Map<String, String> klaxon = new LinkedHashMap<>();
        for (String key : info.propertyNames()) {
            if (key.startsWith("klaxon_")) {
                klaxon.put(key, text(info.get(key)));
            } else {
                report.ignore(join(path, "infoLabels." + key), "info labels are not used by Klaxon");
            }
        }
        SliQueries queries = sli(slo.path("sli"), join(path, "sli"), klaxon, report);
        String name = klaxon.getOrDefault(NAME, text(slo.path("name")));
        Double objective = number(slo.path("objective"));
        List<String> groups = klaxon.containsKey(GROUPS) && !klaxon.get(GROUPS).isBlank()
                ? Arrays.stream(klaxon.get(GROUPS).split(","))
                        .map(String::strip)
                        .toList()
                : null;
        return new SloSpec(
                null,
                name,
                text(slo.path("description")),
                klaxon.get(SLI_KIND),
                klaxon.getOrDefault(SLI_RATIO, "bad"),
                objective,
                klaxon.getOrDefault(WINDOW, DEFAULT_WINDOW),
                klaxon.get(PRIORITY),
                null,
                groups,
                alerting(slo.path("alerting"), join(path, "alerting"), klaxon, report),
                queries);
    }

    /** A number, also when quoted ({@code objective: "99.9"}); null otherwise (validation then says so). */
    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isString() ? Double.valueOf(node.asString().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SliQueries sli(JsonNode sli, String path, Map<String, String> klaxon, ImportReport report) {
        report.unknownFields(sli, path, Set.of("events", "raw", "plugin"));
        if (sli.path("raw").isObject()) {
            report.ignore(
                    join(path, "raw"),
                    "a precomputed error ratio cannot be counted in events; push the SLO's counts instead");
        }
        if (sli.path("plugin").isObject()) {
            report.ignore(join(path, "plugin"), "Sloth SLI plugins are not supported; push the SLO's counts instead");
        }
        JsonNode events = sli.path("events");
        if (!events.isObject()) {
            if (sli.isMissingNode()) {
                report.ignore(path, "no SLI given: the SLO's counts are pushed");
            }
            return null;
        }
        String eventsPath = join(path, "events");
        report.unknownFields(events, eventsPath, Set.of("error_query", "total_query"));
        String error = text(field(events, "error_query"));
        String total = text(field(events, "total_query"));
        String good = klaxon.get(GOOD_QUERY);
        if (good != null && total != null && error != null && error.equals(goodAsError(good, total))) {
            return new SliQueries(good, null, total);
        }
        return new SliQueries(null, error, total);
    }

    private static AlertingSettings alerting(
            JsonNode alerting, String path, Map<String, String> klaxon, ImportReport report) {
        if (klaxon.containsKey(ALERTING)) {
            var settings = ImportReport.alerting(klaxon.get(ALERTING), join(path, "infoLabels." + ALERTING), report);
            if (settings != null) {
                return settings;
            }
        }
        if (!alerting.isObject()) {
            return null;
        }
        report.unknownFields(alerting, path, Set.of("name", "labels", "annotations", "page_alert", "ticket_alert"));
        for (String f : List.of("name", "labels", "annotations")) {
            if (!alerting.path(f).isMissingNode()) {
                report.ignore(join(path, f), "Prometheus alert settings; Klaxon raises its own signals");
            }
        }
        boolean page =
                enabled(field(alerting, "page_alert"), join(path, ImportReport.key(alerting, "page_alert")), report);
        boolean ticket = enabled(
                field(alerting, "ticket_alert"), join(path, ImportReport.key(alerting, "ticket_alert")), report);
        if (!page && !ticket) {
            report.ignore(
                    path,
                    "both alerts are disabled, but a Klaxon SLO needs a condition: the multi-window defaults apply");
            return null;
        }
        var defaults = AlertingSettings.multiWindowDefaults();
        List<AlertCondition> conditions = new ArrayList<>();
        for (AlertCondition c : defaults.conditions()) {
            if (c.action() == AlertCondition.Action.page ? page : ticket) {
                conditions.add(c);
            }
        }
        return new AlertingSettings(defaults.evaluateEvery(), defaults.snooze(), conditions);
    }

    private static boolean enabled(JsonNode alert, String path, ImportReport report) {
        if (!alert.isObject()) {
            return true;
        }
        for (String f : alert.propertyNames()) {
            if (!f.equals("disable")) {
                report.ignore(join(path, f), "Prometheus alert settings; Klaxon raises its own signals");
            }
        }
        return !alert.path("disable").asBoolean(false);
    }

    /** A Sloth document for the SLOs of one service. */
    static Map<String, Object> export(List<SloView> slos, String serviceName) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", VERSION);
        doc.put("service", serviceName);
        List<Object> list = new ArrayList<>();
        for (SloView slo : slos) {
            list.add(slo(slo));
        }
        doc.put("slos", list);
        return doc;
    }

    private static Map<String, Object> slo(SloView slo) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", slug(slo.name()));
        out.put("objective", slo.objective());
        if (slo.description() != null) {
            out.put("description", slo.description());
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put(NAME, slo.name());
        info.put(WINDOW, slo.window());
        info.put(SLI_KIND, slo.sliKind());
        info.put(SLI_RATIO, slo.sliRatio());
        if (slo.priority() != null) {
            info.put(PRIORITY, slo.priority());
        }
        if (!slo.stakeholderGroups().isEmpty()) {
            info.put(GROUPS, String.join(",", slo.stakeholderGroups()));
        }
        var q = slo.queries();
        if (q != null) {
            String error = q.badQuery() != null ? q.badQuery() : goodAsError(q.goodQuery(), q.totalQuery());
            if (q.goodQuery() != null) {
                info.put(GOOD_QUERY, q.goodQuery());
            }
            out.put("sli", Map.of("events", Map.of("error_query", error, "total_query", q.totalQuery())));
        }
        Map<String, Object> alerting = new LinkedHashMap<>();
        alerting.put("name", alertName(slo.name()));
        var names =
                slo.alerting().conditions().stream().map(AlertCondition::name).toList();
        var defaults = AlertingSettings.multiWindowDefaults();
        boolean defaultTimes = slo.alerting().evaluateEvery().equals(defaults.evaluateEvery())
                && slo.alerting().snooze().equals(defaults.snooze());
        if (defaultTimes && slo.alerting().conditions().equals(defaults.conditions())) {
            // Sloth's own page and ticket alerts, both on.
        } else if (defaultTimes && slo.alerting().conditions().equals(only(defaults, AlertCondition.Action.page))) {
            alerting.put("ticket_alert", Map.of("disable", true));
        } else if (defaultTimes && slo.alerting().conditions().equals(only(defaults, AlertCondition.Action.ticket))) {
            alerting.put("page_alert", Map.of("disable", true));
        } else {
            info.put(ALERTING, ImportReport.JSON.writeValueAsString(slo.alerting()));
            if (names.stream().noneMatch(n -> PAGE_CONDITIONS.contains(n) || TICKET_CONDITIONS.contains(n))) {
                // Klaxon alerts by its own conditions; Sloth's alerts would duplicate them.
                alerting.put("page_alert", Map.of("disable", true));
                alerting.put("ticket_alert", Map.of("disable", true));
            }
        }
        out.put("infoLabels", info);
        out.put("alerting", alerting);
        return out;
    }

    private static List<AlertCondition> only(AlertingSettings settings, AlertCondition.Action action) {
        return settings.conditions().stream().filter(c -> c.action() == action).toList();
    }

    /** Sloth has only an error query: for a good query it is total minus good. */
    static String goodAsError(String good, String total) {
        return "(" + total + ") - (" + good + ")";
    }

    private static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "slo" : slug.length() > 63 ? slug.substring(0, 63) : slug;
    }

    private static String alertName(String name) {
        var out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        String alert = out.length() == 0 || !Character.isLetter(out.charAt(0)) ? "Slo" + out : out.toString();
        return alert + "SloBreach";
    }
}
