package dev.klaxon.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The plan read over minute, hour and day buckets gives the same sums as adding up every minute of each window:
 * checked against that brute force for random data, windows and instants (including minute, hour and day
 * boundaries).
 */
class WindowPlanTests {

    private static final Instant ORIGIN = Instant.parse("2026-10-01T00:00:00Z");

    /** Minute counts and their hour and day sums. */
    private final TreeMap<Instant, Long> minutes = new TreeMap<>();

    private final Map<Integer, TreeMap<Instant, Long>> coarse =
            Map.of(BucketStore.HOUR, new TreeMap<>(), BucketStore.DAY, new TreeMap<>());

    @Test
    void plannedSumsEqualTheSumOfEveryMinute() {
        var random = new Random(20261128);
        for (int i = 0; i < 40 * 1440; i++) {
            if (random.nextInt(3) > 0) {
                put(ORIGIN.plus(Duration.ofMinutes(i)), 1 + random.nextInt(1000));
            }
        }
        List<Duration> spans = List.of(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                Duration.ofHours(6),
                Duration.ofDays(3),
                Duration.ofDays(28),
                Duration.ofDays(30));
        List<Instant> nows = new ArrayList<>(List.of(
                Instant.parse("2026-11-05T00:00:00Z"),
                Instant.parse("2026-11-05T13:00:00Z"),
                Instant.parse("2026-11-05T13:59:00Z"),
                Instant.parse("2026-11-05T23:59:59Z"),
                Instant.parse("2026-11-09T00:00:30Z")));
        for (int i = 0; i < 300; i++) {
            nows.add(ORIGIN.plus(Duration.ofDays(31)).plusSeconds(random.nextInt(9 * 86400)));
        }
        for (Instant now : nows) {
            List<Instant> since = new ArrayList<>();
            spans.forEach(d -> since.add(now.minus(d)));
            since.add(now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(4))); // a calendar-month style start
            Instant kept = now.minus(Duration.ofDays(3));
            var plan = WindowPlan.of(since, now, kept);
            // Housekeeping may have deleted the minutes before the hour of `kept`: the plan never reads them.
            assertThat(plan.ranges())
                    .filteredOn(r -> r.resolutionSeconds() == BucketStore.MINUTE)
                    .allSatisfy(r -> assertThat(r.from()).isAfterOrEqualTo(kept.truncatedTo(ChronoUnit.HOURS)));
            for (int w = 0; w < since.size(); w++) {
                assertThat(planned(plan, w))
                        .as("window from %s to %s", since.get(w), now)
                        .isEqualTo(bruteForce(since.get(w), now, kept));
            }
        }
    }

    @Test
    void aRowIsReadOnceHoweverManyWindowsIncludeIt() {
        Instant now = Instant.parse("2026-11-05T13:02:00Z");
        var plan = WindowPlan.of(
                List.of(
                        now.minus(Duration.ofDays(30)),
                        now.minus(Duration.ofHours(1)),
                        now.minus(Duration.ofMinutes(5))),
                now,
                now.minus(Duration.ofDays(3)));
        for (int a = 0; a < plan.ranges().size(); a++) {
            for (int b = a + 1; b < plan.ranges().size(); b++) {
                var x = plan.ranges().get(a);
                var y = plan.ranges().get(b);
                boolean overlap = x.resolutionSeconds() == y.resolutionSeconds()
                        && x.from().isBefore(y.until())
                        && y.from().isBefore(x.until());
                assertThat(overlap).as("%s and %s", x, y).isFalse();
            }
        }
        // 30 days: this hour's 3 minutes, today's 13 hours, 29 whole days and the first day's 10 hours from 14:00;
        // the last hour adds the 58 minutes from 12:02; the last 5 minutes are inside this hour's: 113 rows.
        long rows = 0;
        for (var range : plan.ranges()) {
            rows += Duration.between(range.from(), range.until()).toSeconds() / range.resolutionSeconds();
        }
        assertThat(rows).isEqualTo(113);
    }

    @Test
    void aWindowStartingInTheFutureIsEmpty() {
        Instant now = Instant.parse("2026-11-05T13:02:00Z");
        var plan = WindowPlan.of(List.of(now.plusSeconds(120)), now, now.minus(Duration.ofDays(3)));
        assertThat(plan.windows().get(0)).isEmpty();
        assertThat(plan.ranges()).isEmpty();
    }

    private void put(Instant minute, long good) {
        minutes.put(minute, good);
        coarse.get(BucketStore.HOUR).merge(minute.truncatedTo(ChronoUnit.HOURS), good, Long::sum);
        coarse.get(BucketStore.DAY).merge(minute.truncatedTo(ChronoUnit.DAYS), good, Long::sum);
    }

    private long planned(WindowPlan plan, int window) {
        long[] segments = new long[plan.segments()];
        for (var range : plan.ranges()) {
            var rows = range.resolutionSeconds() == BucketStore.MINUTE
                    ? minutes.subMap(range.from(), range.until())
                    : coarse.get(range.resolutionSeconds()).subMap(range.from(), range.until());
            for (var row : rows.entrySet()) {
                int segment = range.firstSegment();
                for (Instant cut : range.cuts()) {
                    if (!row.getKey().isBefore(cut)) {
                        segment++;
                    }
                }
                segments[segment] += row.getValue();
            }
        }
        long good = 0;
        for (int s : plan.windows().get(window)) {
            good += segments[s];
        }
        return good;
    }

    /** Every minute starting at or after the window's start (to the minute while minutes are kept) up to now. */
    private long bruteForce(Instant since, Instant now, Instant kept) {
        Instant start = since.isBefore(kept)
                ? WindowPlan.ceil(since, ChronoUnit.HOURS)
                : WindowPlan.ceil(since, ChronoUnit.MINUTES);
        long good = 0;
        for (long value : minutes.subMap(start, true, now, true).values()) {
            good += value;
        }
        return good;
    }
}
