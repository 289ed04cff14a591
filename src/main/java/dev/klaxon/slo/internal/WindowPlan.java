package dev.klaxon.slo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How to read the sums of several windows that all end now from few bucket rows. Every resolution holds all
 * events of its span (a day bucket is the sum of its hours, an hour bucket of its minutes), so a window is read
 * as its minutes up to the first whole hour, hours up to the first whole day, whole days, today's whole hours
 * and this hour's minutes: about 150 rows for 30 days instead of 43,200. A window starts exactly at its minute
 * while minute buckets are kept for it; older starts round up to the next whole hour.
 *
 * <p>The pieces of all windows are cut at each other's edges into disjoint segments, so a row is read once
 * however many windows include it. {@link #ranges()} are the contiguous row ranges to read, each cut into
 * segments; {@link #windows()} lists the segments each window adds up.
 *
 * @param ranges what to read: per resolution, contiguous spans of bucket starts, each with its segments
 * @param windows per window (in the order given), the indices of the segments it sums
 * @param segments how many segments the ranges hold in all (indices run from 0 to segments - 1)
 */
record WindowPlan(List<Range> ranges, List<int[]> windows, int segments) {

    static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * Buckets of one resolution starting in [from, until), cut at {@code cuts} (ascending, strictly between from
     * and until) into segments numbered from {@code firstSegment}.
     */
    record Range(int resolutionSeconds, Instant from, Instant until, List<Instant> cuts, int firstSegment) {}

    /**
     * @param since the windows' starts (buckets starting at or after it count)
     * @param now the windows' common end (buckets starting at or before it count)
     * @param minutesKeptSince minute buckets starting before this may have been deleted
     */
    static WindowPlan of(List<Instant> since, Instant now, Instant minutesKeptSince) {
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        Instant until = last.plus(MINUTE);
        List<List<Piece>> pieces = new ArrayList<>();
        Map<Integer, TreeSet<Instant>> edges = new TreeMap<>();
        for (Instant start : since) {
            List<Piece> window = decompose(start, last, until, minutesKeptSince);
            pieces.add(window);
            for (Piece p : window) {
                var set = edges.computeIfAbsent(p.resolution(), r -> new TreeSet<>());
                set.add(p.from());
                set.add(p.until());
            }
        }
        // Segments: consecutive edges of a resolution that some piece covers; ranges: adjacent segments merged.
        List<Range> ranges = new ArrayList<>();
        Map<Integer, TreeMap<Instant, Integer>> segmentAt = new TreeMap<>();
        int next = 0;
        for (var entry : edges.entrySet()) {
            int resolution = entry.getKey();
            List<Instant> sorted = List.copyOf(entry.getValue());
            var index = new TreeMap<Instant, Integer>();
            Instant rangeFrom = null;
            List<Instant> cuts = new ArrayList<>();
            int first = next;
            for (int i = 0; i + 1 < sorted.size(); i++) {
                Instant a = sorted.get(i);
                Instant b = sorted.get(i + 1);
                if (!covered(pieces, resolution, a, b)) {
                    if (rangeFrom != null) {
                        ranges.add(new Range(resolution, rangeFrom, a, List.copyOf(cuts), first));
                        rangeFrom = null;
                    }
                    continue;
                }
                if (rangeFrom == null) {
                    rangeFrom = a;
                    cuts.clear();
                    first = next;
                } else {
                    cuts.add(a);
                }
                index.put(a, next++);
            }
            if (rangeFrom != null) {
                ranges.add(new Range(resolution, rangeFrom, sorted.get(sorted.size() - 1), List.copyOf(cuts), first));
            }
            segmentAt.put(resolution, index);
        }
        List<int[]> windows = new ArrayList<>();
        for (List<Piece> window : pieces) {
            List<Integer> ids = new ArrayList<>();
            for (Piece p : window) {
                ids.addAll(segmentAt
                        .get(p.resolution())
                        .subMap(p.from(), true, p.until(), false)
                        .values());
            }
            windows.add(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        return new WindowPlan(List.copyOf(ranges), List.copyOf(windows), next);
    }

    /** Whether some window reads the buckets of this resolution starting in [a, b). */
    private static boolean covered(List<List<Piece>> pieces, int resolution, Instant a, Instant b) {
        for (List<Piece> window : pieces) {
            for (Piece p : window) {
                if (p.resolution() == resolution
                        && !p.from().isAfter(a)
                        && !p.until().isBefore(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Buckets of one resolution starting in [from, until). */
    record Piece(int resolution, Instant from, Instant until) {}

    private static List<Piece> decompose(Instant since, Instant last, Instant until, Instant minutesKeptSince) {
        Instant start =
                since.isBefore(minutesKeptSince) ? ceil(since, ChronoUnit.HOURS) : ceil(since, ChronoUnit.MINUTES);
        List<Piece> pieces = new ArrayList<>();
        if (!start.isBefore(until)) {
            return pieces;
        }
        Instant firstHour = ceil(start, ChronoUnit.HOURS);
        if (!firstHour.isBefore(until)) {
            add(pieces, BucketStore.MINUTE, start, until);
            return pieces;
        }
        Instant firstDay = ceil(start, ChronoUnit.DAYS);
        Instant lastHour = last.truncatedTo(ChronoUnit.HOURS);
        Instant lastDay = last.truncatedTo(ChronoUnit.DAYS);
        add(pieces, BucketStore.MINUTE, start, firstHour);
        if (!firstDay.isAfter(lastDay)) {
            add(pieces, BucketStore.HOUR, firstHour, firstDay);
            add(pieces, BucketStore.DAY, firstDay, lastDay);
            add(pieces, BucketStore.HOUR, lastDay, lastHour);
        } else {
            add(pieces, BucketStore.HOUR, firstHour, lastHour);
        }
        add(pieces, BucketStore.MINUTE, lastHour, until);
        return pieces;
    }

    private static void add(List<Piece> pieces, int resolution, Instant from, Instant until) {
        if (from.isBefore(until)) {
            pieces.add(new Piece(resolution, from, until));
        }
    }

    /** The instant itself when it is on a boundary of the unit, else the next boundary (UTC). */
    static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(unit.getDuration());
    }
}
