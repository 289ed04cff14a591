package dev.klaxon.oncall;

import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.InvalidInputException.FieldError;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.internal.OverrideStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Overrides (someone covers a period) and swaps (two shifts exchange their people), with who did it. */
@Service
public class Overrides {

    static final Duration MAX_LENGTH = Duration.ofDays(366);

    private final OverrideStore store;
    private final Rotations rotations;
    private final Users users;
    private final HandOffs handOffs;
    private final Clock clock;

    Overrides(OverrideStore store, Rotations rotations, Users users, HandOffs handOffs, Clock clock) {
        this.store = store;
        this.rotations = rotations;
        this.users = users;
        this.handOffs = handOffs;
        this.clock = clock;
    }

    @Transactional
    public OverrideView create(
            UUID rotationId, UUID userId, UUID replacesUserId, Instant from, Instant until, Caller caller) {
        requireManagerOrParty(rotations.get(rotationId), caller, userId, replacesUserId);
        Actor by = caller.actor();
        List<FieldError> errors = new ArrayList<>();
        if (userId == null) {
            errors.add(new FieldError("userId", "is required: who covers"));
        } else if (users.find(userId).isEmpty()) {
            errors.add(new FieldError("userId", "user " + userId + " does not exist"));
        }
        if (replacesUserId != null) {
            if (users.find(replacesUserId).isEmpty()) {
                errors.add(new FieldError("replacesUserId", "user " + replacesUserId + " does not exist"));
            } else if (replacesUserId.equals(userId)) {
                errors.add(new FieldError("replacesUserId", "must differ from userId"));
            }
        }
        if (from == null) {
            errors.add(new FieldError("from", "is required"));
        }
        if (until == null) {
            errors.add(new FieldError("until", "is required"));
        }
        if (from != null && until != null) {
            if (!until.isAfter(from)) {
                errors.add(new FieldError("until", "must be after from"));
            } else if (Duration.between(from, until).compareTo(MAX_LENGTH) > 0) {
                errors.add(new FieldError("until", "an override lasts at most 366 days"));
            } else if (!until.isAfter(clock.instant())) {
                errors.add(new FieldError("until", "must be in the future"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var override = new OverrideView(
                Ids.timeOrdered(),
                rotationId,
                userId,
                replacesUserId,
                from,
                until,
                null,
                by.id(),
                by.name(),
                clock.instant(),
                null,
                null);
        store.insert(override);
        handOffs.overridesChanged(rotationId);
        return override;
    }

    /**
     * Exchanges the people of two shifts (of the base or of one layer) given by their start instants: two
     * overrides sharing a swap id, each replacing only the person of its shift.
     */
    @Transactional
    public List<OverrideView> swap(UUID rotationId, Instant shiftStart, Instant withShiftStart, Caller caller) {
        RotationView rotation = rotations.get(rotationId);
        if (!caller.can(Permission.ROTATIONS_MANAGE, rotation.teamId())) {
            caller.require(Permission.SHIFTS_COVER, rotation.teamId());
        }
        Actor by = caller.actor();
        List<FieldError> errors = new ArrayList<>();
        Optional<Shift> first = Optional.empty();
        Optional<Shift> second = Optional.empty();
        if (shiftStart == null) {
            errors.add(new FieldError("shiftStart", "is required"));
        } else if ((first = shiftStartingAt(rotation, shiftStart)).isEmpty()) {
            errors.add(new FieldError("shiftStart", "is not the start of a shift of this rotation"));
        }
        if (withShiftStart == null) {
            errors.add(new FieldError("withShiftStart", "is required"));
        } else if ((second = shiftStartingAt(rotation, withShiftStart)).isEmpty()) {
            errors.add(new FieldError("withShiftStart", "is not the start of a shift of this rotation"));
        }
        if (first.isPresent() && second.isPresent()) {
            if (first.get().userId().equals(second.get().userId())) {
                errors.add(new FieldError("withShiftStart", "both shifts belong to the same person"));
            } else if (!first.get().until().isAfter(clock.instant())
                    || !second.get().until().isAfter(clock.instant())) {
                errors.add(new FieldError("shiftStart", "shifts that are over cannot be swapped"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID swapId = Ids.timeOrdered();
        Instant now = clock.instant();
        Shift a = first.get();
        Shift b = second.get();
        requireManagerOrParty(rotation, caller, a.userId(), b.userId());
        var one = new OverrideView(
                Ids.timeOrdered(),
                rotationId,
                b.userId(),
                a.userId(),
                a.from(),
                a.until(),
                swapId,
                by.id(),
                by.name(),
                now,
                null,
                null);
        var other = new OverrideView(
                Ids.timeOrdered(),
                rotationId,
                a.userId(),
                b.userId(),
                b.from(),
                b.until(),
                swapId,
                by.id(),
                by.name(),
                now,
                null,
                null);
        store.insert(one);
        store.insert(other);
        handOffs.overridesChanged(rotationId);
        return List.of(one, other);
    }

    @Transactional(readOnly = true)
    public List<OverrideView> list(UUID rotationId) {
        rotations.get(rotationId);
        return store.list(rotationId);
    }

    /** Cancels an override (both halves of a swap); the rows stay, with who cancelled and when. */
    @Transactional
    public OverrideView cancel(UUID rotationId, UUID overrideId, Caller caller) {
        OverrideView override = store.find(overrideId)
                .filter(o -> o.rotationId().equals(rotationId))
                .orElseThrow(() -> new NotFoundException("Override", overrideId));
        requireManagerOrParty(rotations.get(rotationId), caller, override.userId(), override.replacesUserId());
        Actor by = caller.actor();
        if (override.cancelledAt() == null) {
            store.cancel(override, by, clock.instant());
            handOffs.overridesChanged(rotationId);
        }
        return store.find(overrideId).orElseThrow();
    }

    /**
     * The team's managers change any override; its responders only those they take part in (the person covering or
     * the person covered), so nobody can put a colleague on call behind their back.
     */
    private static void requireManagerOrParty(RotationView rotation, Caller caller, UUID... parties) {
        if (caller.can(Permission.ROTATIONS_MANAGE, rotation.teamId())) {
            return;
        }
        caller.require(Permission.SHIFTS_COVER, rotation.teamId());
        if (java.util.Arrays.stream(parties).noneMatch(caller::isUser)) {
            caller.require(Permission.ROTATIONS_MANAGE, rotation.teamId());
        }
    }

    private record Shift(UUID userId, Instant from, Instant until) {}

    private static Optional<Shift> shiftStartingAt(RotationView rotation, Instant start) {
        RotationSchedule schedule = RotationValidation.schedule(rotation, List.of());
        ZoneId zone = schedule.zone();
        List<Track> tracks = new ArrayList<>();
        tracks.add(schedule.base());
        tracks.addAll(schedule.layers());
        for (Track track : tracks) {
            long k = track.shiftIndex(start, zone);
            if (k >= 0 && track.shiftStart(k, zone).equals(start)) {
                return Optional.of(new Shift(track.participant(k), start, track.shiftStart(k + 1, zone)));
            }
        }
        return Optional.empty();
    }
}
