package dev.klaxon.oncall;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

/**
 * A weekly window in the rotation's time zone during which a rotation or layer has someone on call.
 *
 * @param days the weekdays the window starts on; empty means every day
 * @param from local start of the window (inclusive)
 * @param to local end of the window (exclusive); {@code to <= from} means the window runs past midnight into
 *     the next day ({@code to == from}: a full 24 hours)
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public Restriction {
        days = Set.copyOf(days);
    }

    boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }

    /** Whether a moment with this local date and time lies inside the window. */
    public boolean contains(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (from.isBefore(to)) {
            return startsOn(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return (startsOn(day) && !time.isBefore(from)) || (startsOn(day.minus(1)) && time.isBefore(to));
    }
}
