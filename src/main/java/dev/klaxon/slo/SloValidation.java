package dev.klaxon.slo;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks an SLO spec as a whole and reports every problem at once. */
final class SloValidation {

    static final int MAX_CONDITIONS = 10;
    static final int MAX_GROUPS = 20;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern CONDITION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private SloValidation() {}

    /** The spec with defaults filled in, or an exception listing every problem. */
    static SloSpec check(SloSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.serviceId() == null) {
            errors.add(new FieldError("serviceId", "is required"));
        }
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (spec.name().strip().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (spec.description() != null && spec.description().length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
        String kind = spec.sliKind() == null ? "availability" : spec.sliKind().strip();
        if (!KIND.matcher(kind).matches()) {
            errors.add(new FieldError(
                    "sliKind",
                    "must be a lowercase word such as availability, latency, correctness, freshness, throughput"));
        }
        String ratio = spec.sliRatio() == null ? "good" : spec.sliRatio().strip();
        if (!ratio.equals("good") && !ratio.equals("bad")) {
            errors.add(new FieldError("sliRatio", "must be 'good' (good ÷ total) or 'bad' (bad ÷ total)"));
        }
        if (spec.objective() == null) {
            errors.add(new FieldError("objective", "is required, in percent (e.g. 99.7)"));
        } else if (!(spec.objective() > 0 && spec.objective() < 100)) {
            errors.add(new FieldError(
                    "objective",
                    "must be above 0 and below 100 percent (100 % leaves no error budget, 0 % is no objective)"));
        }
        SloWindow window = null;
        try {
            window = SloWindow.parse(spec.window());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("window", e.getMessage()));
        }
        List<String> groups = spec.stakeholderGroups() == null ? List.of() : spec.stakeholderGroups();
        if (groups.size() > MAX_GROUPS) {
            errors.add(new FieldError("stakeholderGroups", "at most " + MAX_GROUPS + " groups"));
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == null
                    || groups.get(i).isBlank()
                    || groups.get(i).length() > 100) {
                errors.add(new FieldError("stakeholderGroups[" + i + "]", "must be 1 to 100 characters"));
            }
        }
        AlertingSettings alerting =
                spec.alerting() == null ? AlertingSettings.multiWindowDefaults() : withDefaults(spec.alerting());
        checkAlerting(alerting, window, errors);
        SliQueries queries = spec.queries() == null
                ? null
                : SliQueries.ofNullable(
                        spec.queries().goodQuery(),
                        spec.queries().badQuery(),
                        spec.queries().totalQuery());
        checkQueries(queries, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new SloSpec(
                spec.serviceId(),
                spec.name().strip(),
                spec.description() == null || spec.description().isBlank()
                        ? null
                        : spec.description().strip(),
                kind,
                ratio,
                spec.objective(),
                window.spec(),
                spec.priority() == null || spec.priority().isBlank()
                        ? null
                        : spec.priority().strip(),
                spec.priorityFrequency(),
                groups.stream().map(String::strip).toList(),
                alerting,
                queries);
    }

    private static void checkQueries(SliQueries q, List<FieldError> errors) {
        if (q == null) {
            return;
        }
        if (q.goodQuery() != null && q.badQuery() != null) {
            errors.add(new FieldError("badQuery", "give goodQuery or badQuery, not both"));
        } else if (q.eventQuery() == null) {
            errors.add(new FieldError("goodQuery", "give goodQuery or badQuery together with totalQuery"));
        }
        if (q.totalQuery() == null) {
            errors.add(new FieldError("totalQuery", "is required with goodQuery or badQuery"));
        }
        checkQuery("goodQuery", q.goodQuery(), errors);
        checkQuery("badQuery", q.badQuery(), errors);
        checkQuery("totalQuery", q.totalQuery(), errors);
    }

    private static void checkQuery(String field, String query, List<FieldError> errors) {
        if (query != null && query.length() > SliQueries.MAX_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + SliQueries.MAX_LENGTH + " characters"));
        }
    }

    private static AlertingSettings withDefaults(AlertingSettings a) {
        List<AlertCondition> conditions = a.conditions().isEmpty()
                ? AlertingSettings.multiWindowDefaults().conditions()
                : a.conditions().stream()
                        .map(c -> c == null
                                ? null
                                : new AlertCondition(
                                        c.name(),
                                        c.kind() != null
                                                ? c.kind()
                                                : c.depletionPercent() != null
                                                        ? AlertCondition.Kind.depletion
                                                        : AlertCondition.Kind.burnRate,
                                        c.depletionPercent(),
                                        c.window(),
                                        c.burnRate(),
                                        c.longWindow(),
                                        c.shortWindow(),
                                        c.action() == null ? AlertCondition.Action.page : c.action(),
                                        c.priority() == null || c.priority().isBlank() ? null : c.priority()))
                        .toList();
        return new AlertingSettings(
                a.evaluateEvery() == null ? Duration.ofMinutes(1) : a.evaluateEvery(),
                a.snooze() == null ? Duration.ofHours(2) : a.snooze(),
                conditions);
    }

    private static void checkAlerting(AlertingSettings a, SloWindow window, List<FieldError> errors) {
        if (a.evaluateEvery().compareTo(Duration.ofMinutes(1)) < 0
                || a.evaluateEvery().compareTo(Duration.ofHours(1)) > 0) {
            errors.add(new FieldError("alerting.evaluateEvery", "must be between PT1M and PT1H"));
        }
        if (a.snooze().isNegative() || a.snooze().compareTo(Duration.ofDays(1)) > 0) {
            errors.add(new FieldError("alerting.snooze", "must be between PT0S and P1D"));
        }
        if (a.conditions().size() > MAX_CONDITIONS) {
            errors.add(new FieldError("alerting.conditions", "at most " + MAX_CONDITIONS + " conditions"));
            return;
        }
        Duration longest = window == null ? SloWindow.MAX : window.minimumLength();
        var names = new HashSet<String>();
        for (int i = 0; i < a.conditions().size(); i++) {
            var c = a.conditions().get(i);
            String path = "alerting.conditions[" + i + "]";
            if (c == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (c.name() == null || !CONDITION_NAME.matcher(c.name()).matches()) {
                errors.add(new FieldError(path + ".name", "must be 1 to 40 of a-z, 0-9 and -"));
            } else if (!names.add(c.name())) {
                errors.add(new FieldError(path + ".name", "'" + c.name() + "' is used twice"));
            }
            if (c.kind() == AlertCondition.Kind.depletion) {
                if (c.depletionPercent() == null || !(c.depletionPercent() > 0)) {
                    errors.add(new FieldError(path + ".depletionPercent", "must be above 0 (e.g. 200)"));
                }
                checkWindow(path + ".window", c.window(), longest, errors);
            } else {
                if (c.burnRate() == null || !(c.burnRate() > 0)) {
                    errors.add(new FieldError(path + ".burnRate", "must be above 0 (e.g. 14.4)"));
                }
                checkWindow(path + ".longWindow", c.longWindow(), longest, errors);
                checkWindow(path + ".shortWindow", c.shortWindow(), longest, errors);
                if (c.longWindow() != null
                        && c.shortWindow() != null
                        && c.shortWindow().compareTo(c.longWindow()) >= 0) {
                    errors.add(new FieldError(path + ".shortWindow", "must be shorter than longWindow"));
                }
            }
        }
    }

    private static void checkWindow(String path, Duration d, Duration longest, List<FieldError> errors) {
        if (d == null || d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(longest) > 0) {
            errors.add(new FieldError(
                    path, "must be between PT1M and the SLO window (" + longest.toDays() + " days), e.g. PT1H"));
        }
    }
}
