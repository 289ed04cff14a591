package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.TimelineKind;
import dev.klaxon.incidents.internal.TimelineStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people do with incidents, and how they read them. */
@Service
public class Incidents {

    public static final int MAX_NOTE_LENGTH = 10_000;

    private final IncidentStore incidents;
    private final TimelineStore timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Incidents(IncidentStore incidents, TimelineStore timeline, ApplicationEventPublisher events, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public IncidentView get(UUID id) {
        return incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
    }

    @Transactional(readOnly = true)
    public IncidentView getByNumber(long number) {
        return incidents.findByNumber(number).orElseThrow(() -> new NotFoundException("Incident", "#" + number));
    }

    @Transactional(readOnly = true)
    public IncidentPage list(IncidentQuery query) {
        List<IncidentView> rows = incidents.list(query);
        if (rows.size() <= query.limit()) {
            return new IncidentPage(rows, null);
        }
        List<IncidentView> page = rows.subList(0, query.limit());
        return new IncidentPage(
                List.copyOf(page), encodeCursor(page.get(page.size() - 1).number()));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntryView> timeline(UUID id) {
        get(id);
        return timeline.list(id);
    }

    /** Acknowledging an acknowledged incident changes nothing; a resolved one cannot be acknowledged. */
    @Transactional
    public IncidentView acknowledge(UUID id, Actor by) {
        var incident = get(id);
        Instant now = clock.instant();
        if (incidents.acknowledge(id, by, now)) {
            incidents.reachStep(id, ProcessStep.RESPONSE, now, by.name());
            timeline.append(id, now, TimelineKind.ACKNOWLEDGED, by, null, null);
            events.publishEvent(new IncidentAcknowledged(id, by, now));
            return get(id);
        }
        if (get(id).status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("Incident #" + incident.number() + " is resolved and cannot be acknowledged");
        }
        return get(id);
    }

    /** Resolving resolves the incident's open alerts too; resolving twice changes nothing. */
    @Transactional
    public IncidentView resolve(UUID id, Actor by) {
        get(id);
        Instant now = clock.instant();
        if (incidents.resolve(id, by, now)) {
            timeline.append(id, now, TimelineKind.RESOLVED, by, null, null);
            events.publishEvent(new IncidentResolved(id, by, now));
        }
        return get(id);
    }

    @Transactional
    public TimelineEntryView addNote(UUID id, Actor by, String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("text", "must not be blank");
        }
        if (text.length() > MAX_NOTE_LENGTH) {
            throw InvalidInputException.of("text", "must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        get(id);
        return timeline.get(timeline.append(id, clock.instant(), TimelineKind.NOTE, by, null, text.strip()));
    }

    public static String encodeCursor(long number) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("n:" + number).getBytes(StandardCharsets.UTF_8));
    }

    /** The incident number a cursor points after; a cursor we did not make is invalid input. */
    public static long decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith("n:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(decoded.substring(2));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "is not a cursor returned by this API");
        }
    }
}
