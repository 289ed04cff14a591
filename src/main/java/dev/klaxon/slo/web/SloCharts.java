package dev.klaxon.slo.web;

import dev.klaxon.slo.AlertCondition;
import dev.klaxon.slo.BurnRate;
import dev.klaxon.slo.SloStatus;
import dev.klaxon.slo.SloView;
import dev.klaxon.slo.internal.BucketStore.Point;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** The two charts of the SLO page, from the window's buckets summed per hour. */
final class SloCharts {

    private SloCharts() {}

    private static TreeMap<Instant, long[]> hourly(List<Point> series) {
        var hours = new TreeMap<Instant, long[]>();
        for (Point p : series) {
            var sums = hours.computeIfAbsent(p.start().truncatedTo(ChronoUnit.HOURS), h -> new long[2]);
            sums[0] += p.good();
            sums[1] += p.total();
        }
        return hours;
    }

    /**
     * Error budget remaining through the window: 100 % at its start, falling with every bad event, ending at
     * the remaining budget now (the budget is the one of the whole window's traffic).
     */
    static String burnDown(SloView slo, SloStatus status, List<Point> series, Instant from) {
        double allowed = status.errorBudget().allowedBad();
        List<SvgChart.Point> points = new ArrayList<>();
        if (!series.isEmpty()) {
            points.add(new SvgChart.Point(from, 100));
            long bad = 0;
            for (var hour : hourly(series).entrySet()) {
                double before = allowed <= 0 ? 100 : 100 * (1 - bad / allowed);
                points.add(new SvgChart.Point(hour.getKey().isBefore(from) ? from : hour.getKey(), before));
                bad += hour.getValue()[1] - hour.getValue()[0];
                var end = hour.getKey().plus(1, ChronoUnit.HOURS);
                points.add(new SvgChart.Point(
                        end.isAfter(status.at()) ? status.at() : end, allowed <= 0 ? 100 : 100 * (1 - bad / allowed)));
            }
        }
        double min = points.stream().mapToDouble(SvgChart.Point::value).min().orElse(0);
        return SvgChart.render(
                "Error budget remaining over the window",
                points,
                from,
                status.at(),
                min >= 0 ? 0 : -100 * Math.ceil(-min / 100),
                100,
                List.of(new SvgChart.Rule(0, "budget exhausted")),
                "%.0f %%",
                "#1f5fbf");
    }

    /** Burn rate per hour through the window, with the alerting thresholds as dashed lines. */
    static String burnRate(SloView slo, List<Point> series, Instant from, Instant to) {
        List<SvgChart.Point> points = new ArrayList<>();
        double max = 1;
        for (var hour : hourly(series).entrySet()) {
            Double rate = BurnRate.of(slo.objective(), hour.getValue()[0], hour.getValue()[1]);
            if (rate != null) {
                points.add(new SvgChart.Point(hour.getKey(), rate));
                max = Math.max(max, rate);
            }
        }
        List<SvgChart.Rule> rules = new ArrayList<>();
        for (AlertCondition c : slo.alerting().conditions()) {
            rules.add(new SvgChart.Rule(c.threshold(), c.name() + " " + trim(c.threshold()) + "×"));
            max = Math.max(max, c.threshold());
        }
        return SvgChart.render(
                "Burn rate per hour", points, from, to, 0, Math.ceil(max * 1.1 / 4) * 4, rules, "%.1f×", "#b26a00");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
