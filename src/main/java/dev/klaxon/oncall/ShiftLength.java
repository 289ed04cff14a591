package dev.klaxon.oncall;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * How long one shift lasts. Lengths given in days or weeks ({@code P1D}, {@code P7D}, {@code P1W}) step in
 * calendar days in the rotation's zone, so the hand-off stays at the same local time across DST changes;
 * lengths with a time part ({@code PT12H}, {@code PT36H}, {@code P1DT12H}) step in elapsed hours.
 */
public record ShiftLength(boolean calendarDays, long amount) {

    public ShiftLength {
        if (amount < 1) {
            throw new IllegalArgumentException("a shift lasts at least one hour");
        }
    }

    /** Parses an ISO-8601 duration; throws {@link IllegalArgumentException} with a user-facing message. */
    public static ShiftLength parse(String iso) {
        if (iso == null || iso.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. P7D, P1D or PT12H");
        }
        String value = iso.strip().toUpperCase(java.util.Locale.ROOT);
        if (!value.contains("T")) {
            Period period;
            try {
                period = Period.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 duration such as P7D, P1D or PT12H");
            }
            if (period.getYears() != 0 || period.getMonths() != 0) {
                throw new IllegalArgumentException("months and years are not supported: use days or weeks");
            }
            if (period.getDays() < 1) {
                throw new IllegalArgumentException("must be at least 1 hour");
            }
            return new ShiftLength(true, period.getDays());
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration such as P7D, P1D or PT12H");
        }
        if (duration.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("must be at least 1 hour");
        }
        if (!duration.equals(Duration.ofHours(duration.toHours()))) {
            throw new IllegalArgumentException("must be a whole number of hours");
        }
        return new ShiftLength(false, duration.toHours());
    }

    /** The longest a shift of this length can last in elapsed time (a calendar day may have 25 hours). */
    Duration longest() {
        return calendarDays ? Duration.ofHours(amount * 24 + 1) : Duration.ofHours(amount);
    }

    /** Canonical ISO form: {@code P7D}, {@code PT12H}. */
    public String iso() {
        return calendarDays ? "P" + amount + "D" : "PT" + amount + "H";
    }

    @Override
    public String toString() {
        return iso();
    }
}
