package dev.klaxon.slo.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/** A small line chart as inline SVG: no script, readable on a phone, printable. */
final class SvgChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int LEFT = 48;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 22;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    record Point(Instant at, double value) {}

    /** A horizontal reference line, e.g. a burn-rate threshold. */
    record Rule(double value, String label) {}

    private SvgChart() {}

    static String render(
            String title,
            List<Point> points,
            Instant from,
            Instant to,
            double yMin,
            double yMax,
            List<Rule> rules,
            String yFormat,
            String stroke) {
        var svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH,
                HEIGHT,
                HtmlUtils.htmlEscape(title)));
        svg.append("<title>").append(HtmlUtils.htmlEscape(title)).append("</title>");
        double span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        double ySpan = yMax - yMin == 0 ? 1 : yMax - yMin;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            double v = yMin + ySpan * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dde1e8\" stroke-width=\"1\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#5b6475\">%s</text>",
                    LEFT - 4,
                    y + 3,
                    HtmlUtils.htmlEscape(String.format(Locale.ROOT, yFormat, v))));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#5b6475\">%s</text>",
                LEFT,
                HEIGHT - 6,
                DAY.format(from)));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" fill=\"#5b6475\">%s</text>",
                WIDTH - RIGHT,
                HEIGHT - 6,
                DAY.format(to)));
        for (Rule rule : rules) {
            if (rule.value() < yMin || rule.value() > yMax) {
                continue;
            }
            double y = TOP + plotH - plotH * (rule.value() - yMin) / ySpan;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"4 3\" stroke-width=\"1\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#c62828\">%s</text>",
                    WIDTH - RIGHT - 2,
                    y - 2,
                    HtmlUtils.htmlEscape(rule.label())));
        }
        if (!points.isEmpty()) {
            var path = new StringBuilder();
            for (Point p : points) {
                double x = LEFT + plotW * (p.at().getEpochSecond() - from.getEpochSecond()) / span;
                double v = Math.max(yMin, Math.min(yMax, p.value()));
                double y = TOP + plotH - plotH * (v - yMin) / ySpan;
                path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(stroke)
                    .append("\" stroke-width=\"1.5\" points=\"")
                    .append(path)
                    .append("\"/>");
        } else {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" fill=\"#5b6475\">No data in the window</text>",
                    LEFT + plotW / 2,
                    TOP + plotH / 2));
        }
        svg.append("</svg>");
        return svg.toString();
    }
}
