package dev.klaxon.slo.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an SLO's PromQL into "how many events in the interval ending at t" and reads Prometheus's answer.
 *
 * <p>Two kinds of query are accepted, because both are what people already have:
 *
 * <ul>
 *   <li>a rate with Sloth's {@code {{.window}}} placeholder ({@code sum(rate(x_total{code=~"5.."}[{{.window}}]))},
 *       as Sloth specs and many OpenSLO files write them): the placeholder becomes the interval and the per-second
 *       rate is multiplied by its length, {@code sum(<query>) * 60}, which is exactly what {@code increase()}
 *       computes (increase is rate × range);
 *   <li>a counter expression without a range ({@code sum(x_total{code=~"5.."})} or {@code x_total}, as OpenSLO's
 *       {@code counter: true} metrics are written): its increase over the interval through a subquery,
 *       {@code sum(increase((<query>)[60s:15s]))}. The subquery step is {@code klaxon.slo.prometheus.subquery-step},
 *       at most a quarter of the interval so that increase() always has several points.
 * </ul>
 *
 * <p>The outer {@code sum} makes every answer one number (or nothing: no series is zero events). Queried as an
 * instant query at the interval's end, like Sloth's recording rules evaluate {@code rate(...[window])} at rule
 * evaluation time.
 */
final class PromQl {

    static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*\\}\\}");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private PromQl() {}

    /** The instant query whose value is the number of events in the {@code range} before its evaluation time. */
    static String countQuery(String expression, Duration range, Duration subqueryStep) {
        long seconds = Math.max(1, range.toSeconds());
        String expr = expression.strip();
        if (WINDOW.matcher(expr).find()) {
            String withWindow = WINDOW.matcher(expr).replaceAll(Matcher.quoteReplacement(seconds + "s"));
            return "sum(" + withWindow + ") * " + seconds;
        }
        long step = Math.max(1, Math.min(subqueryStep.toSeconds(), seconds / 4));
        return "sum(increase((" + expr + ")[" + seconds + "s:" + step + "s]))";
    }

    /**
     * The single value of an instant query's answer ({@code /api/v1/query}); an empty vector is 0 (no series:
     * nothing happened).
     *
     * @throws PullException when Prometheus reports an error or the answer is not one number
     */
    static double value(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new PullException("Prometheus answered with something that is not JSON: " + abbreviate(body));
        }
        if (root == null || !root.isObject()) {
            throw new PullException("Prometheus answered with something that is not a query result");
        }
        if (!"success".equals(root.path("status").asString(""))) {
            throw new PullException("Prometheus: " + root.path("errorType").asString("error") + ": "
                    + root.path("error").asString("(no message)"));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        JsonNode sample;
        switch (type) {
            case "scalar" -> sample = result;
            case "vector" -> {
                if (result.isEmpty()) {
                    return 0;
                }
                if (result.size() > 1) {
                    throw new PullException("the query returned " + result.size()
                            + " series; it must return one number (aggregate it, e.g. sum(...))");
                }
                sample = result.get(0).path("value");
            }
            default ->
                throw new PullException("the query returned a " + (type.isEmpty() ? "missing" : type)
                        + " result; it must return one number");
        }
        if (!sample.isArray() || sample.size() != 2) {
            throw new PullException("Prometheus answered with a malformed sample");
        }
        double value;
        try {
            value = Double.parseDouble(sample.get(1).asString());
        } catch (NumberFormatException e) {
            throw new PullException("Prometheus answered with a value that is not a number: " + sample.get(1));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new PullException("the query returned " + value + ", not a count");
        }
        return value;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
