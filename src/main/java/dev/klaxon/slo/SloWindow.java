package dev.klaxon.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The span an SLO is measured over: rolling ({@code P28D}, {@code P30D}: the last n days up to now) or the
 * calendar month in UTC ({@code month}).
 */
public record SloWindow(Duration rolling) {

    public static final Duration MIN = Duration.ofDays(1);
    public static final Duration MAX = Duration.ofDays(31);
    static final String MONTH = "month";
    private static final Pattern DAYS = Pattern.compile("[Pp](\\d{1,2})[Dd]");

    public static SloWindow calendarMonth() {
        return new SloWindow(null);
    }

    /** {@code P28D} style (days, 1 to 31) or {@code month}. */
    public static SloWindow parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("is required: a rolling window such as P28D or P30D, or 'month'");
        }
        if (MONTH.equalsIgnoreCase(spec.strip())) {
            return calendarMonth();
        }
        var matcher = DAYS.matcher(spec.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be a number of days such as P28D, or 'month'");
        }
        Duration duration = Duration.ofDays(Integer.parseInt(matcher.group(1)));
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be between P1D and P31D, or 'month'");
        }
        return new SloWindow(duration);
    }

    public boolean isCalendarMonth() {
        return rolling == null;
    }

    public Instant start(Instant now) {
        if (rolling != null) {
            return now.minus(rolling);
        }
        return YearMonth.from(now.atOffset(ZoneOffset.UTC))
                .atDay(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    /** Where the budget must last until: the end of the month, or (rolling) one window length from now. */
    public Instant end(Instant now) {
        if (rolling != null) {
            return now.plus(rolling);
        }
        return YearMonth.from(now.atOffset(ZoneOffset.UTC))
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    /** The length a full budget is spread over: the rolling length or this month's length. */
    public Duration length(Instant now) {
        return rolling != null ? rolling : Duration.between(start(now), end(now));
    }

    /** The shortest length the window can have (to bound alerting windows). */
    public Duration minimumLength() {
        return rolling != null ? rolling : Duration.ofDays(28);
    }

    public String spec() {
        return rolling == null ? MONTH : "P" + rolling.toDays() + "D";
    }

    @Override
    public String toString() {
        return spec();
    }
}
