package dev.klaxon.oncall;

import dev.klaxon.common.Actor;
import dev.klaxon.common.Ids;
import dev.klaxon.common.KlaxonProperties;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.common.Secrets;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.internal.FeedStore;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * iCalendar (RFC 5545) feeds of on-call shifts at secret, revocable URLs, per user or per rotation, for
 * Google Calendar, Outlook and phones to subscribe to. Tokens are shown once and stored as SHA-256.
 */
@Service
public class CalendarFeeds {

    public static final String USER = "user";
    public static final String ROTATION = "rotation";

    static final int TOKEN_LENGTH = 32;
    static final Duration PAST = Duration.ofDays(14);
    static final Duration AHEAD = Duration.ofDays(84);

    private final FeedStore store;
    private final OnCall onCall;
    private final Rotations rotations;
    private final Users users;
    private final KlaxonProperties properties;
    private final Clock clock;

    CalendarFeeds(
            FeedStore store,
            OnCall onCall,
            Rotations rotations,
            Users users,
            KlaxonProperties properties,
            Clock clock) {
        this.store = store;
        this.onCall = onCall;
        this.rotations = rotations;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public CreatedCalendarFeed createForRotation(UUID rotationId, Caller by) {
        by.require(Permission.SHIFTS_COVER, rotations.get(rotationId).teamId());
        return create(ROTATION, rotationId, by.actor());
    }

    @Transactional
    public CreatedCalendarFeed createForUser(UUID userId, Caller by) {
        users.get(userId);
        by.requireSelfOr(userId, Permission.USERS_MANAGE);
        return create(USER, userId, by.actor());
    }

    @Transactional(readOnly = true)
    public List<CalendarFeedView> listForRotation(UUID rotationId) {
        rotations.get(rotationId);
        return list(ROTATION, rotationId);
    }

    @Transactional(readOnly = true)
    public List<CalendarFeedView> listForUser(UUID userId, Caller by) {
        users.get(userId);
        by.requireToReadPrivateOf(userId);
        return list(USER, userId);
    }

    @Transactional(readOnly = true)
    public Optional<CalendarFeedView> find(UUID id) {
        return store.find(id).map(CalendarFeeds::view);
    }

    /** Revokes a feed: its URL answers 404 from now on. Revoking twice changes nothing. */
    @Transactional
    public CalendarFeedView revoke(UUID id, Caller by) {
        CalendarFeedView feed = find(id).orElseThrow(() -> new NotFoundException("Calendar feed", id));
        if (USER.equals(feed.kind())) {
            by.requireSelfOr(feed.subjectId(), Permission.USERS_MANAGE);
        } else {
            by.require(Permission.SHIFTS_COVER, rotations.get(feed.subjectId()).teamId());
        }
        store.revoke(id, by.actor(), clock.instant());
        return find(id).orElseThrow();
    }

    /** The iCalendar text for a feed token; empty for unknown or revoked tokens. */
    @Transactional(readOnly = true)
    public Optional<String> render(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        return store.findActiveByHash(Secrets.sha256Hex(token)).map(this::render);
    }

    private String render(FeedStore.Row feed) {
        Instant now = clock.instant();
        Instant from = now.minus(PAST);
        Instant until = now.plus(AHEAD);
        List<OnCallShift> shifts;
        String name;
        if (ROTATION.equalsIgnoreCase(feed.kind())) {
            shifts = onCall.shifts(feed.subjectId(), from, until);
            name = rotations
                    .find(feed.subjectId())
                    .map(r -> "On call: " + r.name())
                    .orElse("On call");
        } else {
            shifts = onCall.shiftsOfUser(feed.subjectId(), from, until);
            name = users.find(feed.subjectId()).map(u -> "On call: " + u.name()).orElse("On call");
        }
        Calendar calendar = new Calendar()
                .add(new ProdId("-//Klaxon//On call//EN"))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(new XProperty("X-WR-CALNAME", name));
        for (OnCallShift shift : shifts) {
            VEvent event = new VEvent(
                    shift.from(), shift.until(), "On call: " + shift.rotationName() + " (" + shift.role() + ")");
            event.replace(new DtStamp(now));
            event.add(new Uid(uid(shift)));
            if (!USER.equalsIgnoreCase(feed.kind())) {
                event.add(new net.fortuna.ical4j.model.property.Description(shift.userName()));
            }
            calendar.add(event);
        }
        var out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Stable per stretch: the same rotation, person and start give the same UID on every fetch. */
    static String uid(OnCallShift shift) {
        return "oncall-" + shift.rotationId() + "-" + shift.userId() + "-"
                + shift.from().getEpochSecond() + "@klaxon";
    }

    private CreatedCalendarFeed create(String kind, UUID subjectId, Actor by) {
        String token = Secrets.randomAlphanumeric(TOKEN_LENGTH);
        UUID id = Ids.timeOrdered();
        Instant now = clock.instant();
        store.insert(
                id, kind.toUpperCase(Locale.ROOT), subjectId, Secrets.sha256Hex(token), token.substring(0, 6), by, now);
        return new CreatedCalendarFeed(id, kind, subjectId, properties.url("/ical/" + token + ".ics"), now);
    }

    private List<CalendarFeedView> list(String kind, UUID subjectId) {
        return store.list(kind.toUpperCase(Locale.ROOT), subjectId).stream()
                .map(CalendarFeeds::view)
                .toList();
    }

    private static CalendarFeedView view(FeedStore.Row row) {
        return new CalendarFeedView(
                row.id(),
                row.kind().toLowerCase(Locale.ROOT),
                row.subjectId(),
                row.tokenPrefix(),
                row.createdBy(),
                row.createdAt(),
                row.revokedBy(),
                row.revokedAt());
    }
}
