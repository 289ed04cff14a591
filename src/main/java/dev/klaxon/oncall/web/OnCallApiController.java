package dev.klaxon.oncall.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.CalendarFeedView;
import dev.klaxon.oncall.CalendarFeeds;
import dev.klaxon.oncall.CreatedCalendarFeed;
import dev.klaxon.oncall.OnCall;
import dev.klaxon.oncall.OnCallShift;
import dev.klaxon.oncall.OverrideView;
import dev.klaxon.oncall.Overrides;
import dev.klaxon.oncall.RotationSpec;
import dev.klaxon.oncall.RotationView;
import dev.klaxon.oncall.Rotations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rotations, overrides, swaps, who is on call, shifts and calendar feeds. See docs/oncall.md. */
@RestController
@RequestMapping("/api/v1")
class OnCallApiController {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(28);
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final Rotations rotations;
    private final Overrides overrides;
    private final OnCall onCall;
    private final CalendarFeeds feeds;
    private final Users users;
    private final Clock clock;

    OnCallApiController(
            Rotations rotations, Overrides overrides, OnCall onCall, CalendarFeeds feeds, Users users, Clock clock) {
        this.rotations = rotations;
        this.overrides = overrides;
        this.onCall = onCall;
        this.feeds = feeds;
        this.users = users;
        this.clock = clock;
    }

    record NewOverride(UUID userId, UUID replacesUserId, Instant from, Instant until) {}

    record NewSwap(Instant shiftStart, Instant withShiftStart) {}

    @PostMapping("/rotations")
    @ResponseStatus(HttpStatus.CREATED)
    RotationView create(@RequestBody RotationSpec body, Caller me) {
        return rotations.create(body, me);
    }

    @GetMapping("/rotations")
    List<RotationView> list(@RequestParam(required = false) UUID teamId, @RequestParam(required = false) String role) {
        return rotations.list(teamId, role);
    }

    @GetMapping("/rotations/{id}")
    RotationView get(@PathVariable UUID id) {
        return rotations.get(id);
    }

    @PutMapping("/rotations/{id}")
    RotationView update(@PathVariable UUID id, @RequestBody RotationSpec body, Caller me) {
        return rotations.update(id, body, me);
    }

    @DeleteMapping("/rotations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller me) {
        rotations.delete(id, me);
    }

    /** The rotation's resolved stretches overlapping [from, until); default the next 28 days. */
    @GetMapping("/rotations/{id}/shifts")
    List<OnCallShift> shifts(
            @PathVariable UUID id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant until) {
        rotations.get(id);
        Instant start = from == null ? clock.instant() : from;
        return onCall.shifts(id, start, end(start, until));
    }

    @PostMapping("/rotations/{id}/overrides")
    @ResponseStatus(HttpStatus.CREATED)
    OverrideView createOverride(@PathVariable UUID id, Caller me, @RequestBody NewOverride body) {
        return overrides.create(id, body.userId(), body.replacesUserId(), body.from(), body.until(), me);
    }

    @GetMapping("/rotations/{id}/overrides")
    List<OverrideView> overrides(@PathVariable UUID id) {
        return overrides.list(id);
    }

    /** Cancels an override (both halves of a swap); the override stays listed with who cancelled it. */
    @DeleteMapping("/rotations/{id}/overrides/{overrideId}")
    OverrideView cancelOverride(@PathVariable UUID id, @PathVariable UUID overrideId, Caller me) {
        return overrides.cancel(id, overrideId, me);
    }

    @PostMapping("/rotations/{id}/swaps")
    @ResponseStatus(HttpStatus.CREATED)
    List<OverrideView> swap(@PathVariable UUID id, Caller me, @RequestBody NewSwap body) {
        return overrides.swap(id, body.shiftStart(), body.withShiftStart(), me);
    }

    /** Who is on call at {@code at} (default now), over all rotations or those of a team and/or role. */
    @GetMapping("/oncall")
    List<OnCallShift> onCall(
            @RequestParam(required = false) Instant at,
            @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) String role) {
        return onCall.onCallAt(at == null ? clock.instant() : at, teamId, role);
    }

    /** A user's shifts over all rotations in [from, until); default the next 28 days, at most 366 days. */
    @GetMapping("/users/{id}/shifts")
    List<OnCallShift> userShifts(
            @PathVariable UUID id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant until) {
        users.get(id);
        Instant start = from == null ? clock.instant() : from;
        return onCall.shiftsOfUser(id, start, end(start, until));
    }

    @PostMapping("/rotations/{id}/calendar-feeds")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedCalendarFeed createRotationFeed(@PathVariable UUID id, Caller me) {
        return feeds.createForRotation(id, me);
    }

    @GetMapping("/rotations/{id}/calendar-feeds")
    List<CalendarFeedView> rotationFeeds(@PathVariable UUID id) {
        return feeds.listForRotation(id);
    }

    /** A user's own feed; administrators may create one for anyone. */
    @PostMapping("/users/{id}/calendar-feeds")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedCalendarFeed createUserFeed(@PathVariable UUID id, Caller me) {
        return feeds.createForUser(id, me);
    }

    @GetMapping("/users/{id}/calendar-feeds")
    List<CalendarFeedView> userFeeds(@PathVariable UUID id, Caller me) {
        return feeds.listForUser(id, me);
    }

    @DeleteMapping("/calendar-feeds/{id}")
    CalendarFeedView revokeFeed(@PathVariable UUID id, Caller me) {
        return feeds.revoke(id, me);
    }

    private static Instant end(Instant from, Instant until) {
        Instant end = until == null ? from.plus(DEFAULT_PERIOD) : until;
        if (!end.isAfter(from)) {
            throw InvalidInputException.of("until", "must be after from");
        }
        if (Duration.between(from, end).compareTo(MAX_PERIOD) > 0) {
            throw InvalidInputException.of("until", "the period is at most 366 days");
        }
        return end;
    }
}
