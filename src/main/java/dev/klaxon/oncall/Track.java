package dev.klaxon.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One sequence of shifts: the rotation's base or one of its layers. Shift k starts at {@code start} +
 * {@code handoffTime} in the zone plus k × length (calendar days in the zone, or elapsed hours); its person
 * is {@code participants[k mod n]}. Before shift 0 nobody is on call; outside the restrictions neither.
 */
public record Track(
        List<UUID> participants,
        ShiftLength length,
        LocalTime handoffTime,
        LocalDate start,
        List<Restriction> restrictions) {

    public Track {
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a track needs at least one participant");
        }
    }

    /** When shift {@code k} starts. A hand-off time inside a DST gap moves forward by the gap's length. */
    public Instant shiftStart(long k, ZoneId zone) {
        if (length.calendarDays()) {
            return ZonedDateTime.of(start.plusDays(k * length.amount()), handoffTime, zone)
                    .toInstant();
        }
        return ZonedDateTime.of(start, handoffTime, zone).toInstant().plus(k * length.amount(), ChronoUnit.HOURS);
    }

    /** The index of the shift running at {@code t}, negative before the first shift. */
    public long shiftIndex(Instant t, ZoneId zone) {
        Instant first = shiftStart(0, zone);
        long k;
        if (length.calendarDays()) {
            long days = ChronoUnit.DAYS.between(start, t.atZone(zone).toLocalDate());
            k = Math.floorDiv(days, length.amount());
        } else {
            long seconds = first.until(t, ChronoUnit.SECONDS);
            k = Math.floorDiv(seconds, length.amount() * 3600);
        }
        while (shiftStart(k + 1, zone).compareTo(t) <= 0) {
            k++;
        }
        while (shiftStart(k, zone).isAfter(t)) {
            k--;
        }
        return k;
    }

    public UUID participant(long k) {
        return participants.get((int) Math.floorMod(k, (long) participants.size()));
    }

    /** Whether the restrictions (if any) leave the track on call at {@code t}. */
    boolean restrictionsAllow(Instant t, ZoneId zone) {
        if (restrictions.isEmpty()) {
            return true;
        }
        var local = t.atZone(zone).toLocalDateTime();
        return restrictions.stream().anyMatch(r -> r.contains(local));
    }

    /** The earliest instant after {@code t} at which this track's state may change. */
    Instant nextBoundary(Instant t, ZoneId zone) {
        Instant next = shiftStart(shiftIndex(t, zone) + 1, zone);
        Instant first = shiftStart(0, zone);
        if (first.isAfter(t)) {
            next = first;
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        for (Restriction r : restrictions) {
            for (int offset = -1; offset <= 8; offset++) {
                for (LocalTime edge : List.of(r.from(), r.to())) {
                    Instant candidate =
                            ZonedDateTime.of(day.plusDays(offset), edge, zone).toInstant();
                    if (candidate.isAfter(t) && candidate.isBefore(next)) {
                        next = candidate;
                    }
                }
            }
        }
        return next;
    }
}
