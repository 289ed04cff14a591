package dev.klaxon.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The pure arithmetic of a rotation: who is on call at an instant and the resolved stretches in a period.
 * Precedence, lowest first: the base track, then layers in order (a later layer wins whenever it has someone
 * on call), then overrides in creation order (a later override wins). No I/O, no clock.
 *
 * @param covers the rotation's overrides that are not cancelled, oldest first
 */
public record RotationSchedule(ZoneId zone, Track base, List<Track> layers, List<Cover> covers) {

    public RotationSchedule {
        layers = List.copyOf(layers);
        covers = List.copyOf(covers);
    }

    /** Who is on call at an instant, and why; empty when nobody is. */
    public record Slot(UUID userId, ShiftSource source, int layer, long shift, UUID overrideId) {}

    /** A moment at which the person on call changes; either side may be nobody (null). */
    public record Change(Instant at, UUID outgoingUserId, UUID incomingUserId) {}

    public Optional<Slot> at(Instant t) {
        Slot slot = null;
        if (!t.isBefore(base.shiftStart(0, zone)) && base.restrictionsAllow(t, zone)) {
            long k = base.shiftIndex(t, zone);
            slot = new Slot(base.participant(k), ShiftSource.ROTATION, 0, k, null);
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Track layer = layers.get(i);
            if (!t.isBefore(layer.shiftStart(0, zone)) && layer.restrictionsAllow(t, zone)) {
                long k = layer.shiftIndex(t, zone);
                slot = new Slot(layer.participant(k), ShiftSource.LAYER, i + 1, k, null);
                break;
            }
        }
        for (Cover cover : covers) {
            if (!t.isBefore(cover.from()) && t.isBefore(cover.until())) {
                UUID current = slot == null ? null : slot.userId();
                if (cover.replacesUserId() == null || cover.replacesUserId().equals(current)) {
                    slot = new Slot(cover.userId(), ShiftSource.OVERRIDE, 0, 0, cover.id());
                }
            }
        }
        return Optional.ofNullable(slot);
    }

    /** The earliest instant after {@code t} at which the answer of {@link #at} may change. */
    public Instant nextBoundary(Instant t) {
        Instant next = base.nextBoundary(t, zone);
        for (Track layer : layers) {
            next = earlier(next, layer.nextBoundary(t, zone));
        }
        for (Cover cover : covers) {
            if (cover.from().isAfter(t)) {
                next = earlier(next, cover.from());
            }
            if (cover.until().isAfter(t)) {
                next = earlier(next, cover.until());
            }
        }
        // A restriction edge inside a DST gap lands after the gap; the transition itself is an edge too.
        var transition = zone.getRules().nextTransition(t);
        if (transition != null) {
            next = earlier(next, transition.getInstant());
        }
        return next;
    }

    /** The resolved stretches overlapping [from, until), clipped to it, in order; gaps mean nobody. */
    public List<Stretch> stretches(Instant from, Instant until) {
        List<Stretch> result = new ArrayList<>();
        Instant t = from;
        while (t.isBefore(until)) {
            Instant end = earlier(nextBoundary(t), until);
            Optional<Slot> slot = at(t);
            if (slot.isPresent()) {
                Slot s = slot.get();
                var stretch = new Stretch(s.userId(), t, end, s.source(), s.layer(), s.shift(), s.overrideId());
                if (!result.isEmpty() && result.get(result.size() - 1).continues(stretch)) {
                    result.set(result.size() - 1, result.get(result.size() - 1).until(end));
                } else {
                    result.add(stretch);
                }
            }
            t = end;
        }
        return result;
    }

    /** The whole stretches (not clipped) that overlap [from, until), in order. */
    public List<Stretch> overlapping(Instant from, Instant until) {
        Duration reach = longestStretch().plusHours(1);
        return stretches(from.minus(reach), until.plus(reach)).stream()
                .filter(s -> s.until().isAfter(from) && s.from().isBefore(until))
                .toList();
    }

    /** The whole stretch (not clipped) running at {@code t}; empty when nobody is on call. */
    public Optional<Stretch> stretchAt(Instant t) {
        Duration reach = longestStretch().plusHours(1);
        return stretches(t.minus(reach), t.plus(reach)).stream()
                .filter(s -> !s.from().isAfter(t) && s.until().isAfter(t))
                .findFirst();
    }

    /** The moments in [from, until] at which the person on call changes. */
    public List<Change> changes(Instant from, Instant until) {
        List<Change> result = new ArrayList<>();
        Instant t = from.minusNanos(1);
        UUID previous = at(t).map(Slot::userId).orElse(null);
        while (true) {
            Instant b = nextBoundary(t);
            if (b.isAfter(until)) {
                return result;
            }
            UUID current = at(b).map(Slot::userId).orElse(null);
            if (!Objects.equals(previous, current)) {
                result.add(new Change(b, previous, current));
            }
            previous = current;
            t = b;
        }
    }

    /** The first change after {@code after} and no later than {@code limit}. */
    public Optional<Change> nextChange(Instant after, Instant limit) {
        Instant t = after;
        UUID previous = at(t).map(Slot::userId).orElse(null);
        while (true) {
            Instant b = nextBoundary(t);
            if (b.isAfter(limit)) {
                return Optional.empty();
            }
            UUID current = at(b).map(Slot::userId).orElse(null);
            if (!Objects.equals(previous, current)) {
                return Optional.of(new Change(b, previous, current));
            }
            t = b;
        }
    }

    /** An upper bound for the length of any stretch: the longest shift or override. */
    Duration longestStretch() {
        Duration longest = base.length().longest();
        for (Track layer : layers) {
            longest = max(longest, layer.length().longest());
        }
        for (Cover cover : covers) {
            longest = max(longest, Duration.between(cover.from(), cover.until()));
        }
        return longest;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
