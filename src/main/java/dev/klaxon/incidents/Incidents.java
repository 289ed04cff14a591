package dev.klaxon.incidents;

import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.incidents.internal.IncidentReader;
import dev.klaxon.incidents.internal.IncidentRow;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.timeline.Timeline;
import dev.klaxon.timeline.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What people do with incidents, and how they read them. */
@Service
public class Incidents {

    public static final int MAX_NOTE_LENGTH = 10_000;

    private final IncidentStore incidents;
    private final IncidentReader reader;
    private final Timeline timeline;
    private final IncidentResponseTargets responseTargets;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // Looked up when used: notify implements it and depends on this module.
    private final ObjectProvider<PagedResponders> paged;

    Incidents(
            IncidentStore incidents,
            IncidentReader reader,
            Timeline timeline,
            IncidentResponseTargets responseTargets,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectProvider<PagedResponders> paged) {
        this.incidents = incidents;
        this.reader = reader;
        this.timeline = timeline;
        this.responseTargets = responseTargets;
        this.events = events;
        this.clock = clock;
        this.paged = paged;
    }

    /**
     * Whether the caller may acknowledge, resolve and annotate the incident: with {@code incidents.respond} in its
     * owning team or an involved team, or because they were paged for it.
     */
    @Transactional(readOnly = true)
    public boolean mayRespond(IncidentView incident, Caller caller) {
        return caller.canInAny(Permission.INCIDENTS_RESPOND, incident.involvedTeamIds())
                || (!caller.readOnly()
                        && caller.userId().isPresent()
                        && wasPaged(incident.id(), caller.userId().get()));
    }

    /** Of these incidents, the ones the caller may respond to (see {@link #mayRespond}); one query for the pages. */
    @Transactional(readOnly = true)
    public Set<UUID> respondable(Collection<IncidentView> shown, Caller caller) {
        Set<UUID> respondable = new HashSet<>();
        List<UUID> others = new ArrayList<>();
        for (IncidentView incident : shown) {
            if (caller.canInAny(Permission.INCIDENTS_RESPOND, incident.involvedTeamIds())) {
                respondable.add(incident.id());
            } else {
                others.add(incident.id());
            }
        }
        PagedResponders responders = paged.getIfAvailable();
        if (!others.isEmpty()
                && responders != null
                && !caller.readOnly()
                && caller.userId().isPresent()) {
            respondable.addAll(responders.pagedFor(caller.userId().get(), others));
        }
        return respondable;
    }

    private boolean wasPaged(UUID incidentId, UUID userId) {
        PagedResponders responders = paged.getIfAvailable();
        return responders != null && responders.wasPaged(incidentId, userId);
    }

    private void requireResponder(IncidentView incident, Caller caller) {
        if (!mayRespond(incident, caller)) {
            caller.requireInAny(Permission.INCIDENTS_RESPOND, incident.involvedTeamIds());
        }
    }

    @Transactional(readOnly = true)
    public IncidentView get(UUID id) {
        return reader.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
    }

    /** The incidents with these ids that exist, by id: read together (e.g. for a batch of pages to send). */
    @Transactional(readOnly = true)
    public Map<UUID, IncidentView> getAll(Collection<UUID> ids) {
        Map<UUID, IncidentView> views = new HashMap<>();
        for (IncidentView view : reader.views(incidents.findAll(ids))) {
            views.put(view.id(), view);
        }
        return views;
    }

    @Transactional(readOnly = true)
    public IncidentView getByNumber(long number) {
        return reader.findByNumber(number).orElseThrow(() -> new NotFoundException("Incident", "#" + number));
    }

    @Transactional(readOnly = true)
    public IncidentPage list(IncidentQuery query) {
        List<IncidentRow> rows = incidents.list(query, clock.instant());
        if (rows.size() <= query.limit()) {
            return new IncidentPage(reader.views(rows), null);
        }
        List<IncidentRow> page = rows.subList(0, query.limit());
        IncidentRow last = page.get(page.size() - 1);
        return new IncidentPage(
                reader.views(page),
                encodeCursor(new IncidentQuery.Cursor(
                        query.sort(), IncidentStore.sortRank(query.sort(), last), last.number())));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(UUID id) {
        get(id);
        return timeline.list(id);
    }

    /** Acknowledging an acknowledged incident changes nothing; a resolved one cannot be acknowledged. */
    @Transactional
    public IncidentView acknowledge(UUID id, Caller caller) {
        var incident = get(id);
        requireResponder(incident, caller);
        Actor by = caller.actor();
        Instant now = clock.instant();
        if (incidents.acknowledge(id, by, now)) {
            incidents.reachStep(id, ProcessStep.RESPONSE, now, by.name());
            timeline.append(id, now, IncidentEntryKinds.ACKNOWLEDGED, by, null, null);
            responseTargets.check(id, now);
            events.publishEvent(new IncidentAcknowledged(id, by, now));
            return get(id);
        }
        // Not acknowledged by this call: it was acknowledged already, or resolved meanwhile.
        var current = get(id);
        if (current.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("Incident #" + incident.number() + " is resolved and cannot be acknowledged");
        }
        return current;
    }

    /** Resolving resolves the incident's open alerts too; resolving twice changes nothing. */
    @Transactional
    public IncidentView resolve(UUID id, Caller caller) {
        requireResponder(get(id), caller);
        Actor by = caller.actor();
        Instant now = clock.instant();
        if (incidents.resolve(id, by, now)) {
            timeline.append(id, now, IncidentEntryKinds.RESOLVED, by, null, null);
            responseTargets.check(id, now);
            events.publishEvent(new IncidentResolved(id, by, now));
        }
        return get(id);
    }

    @Transactional
    public TimelineEntry addNote(UUID id, Caller caller, String text) {
        requireResponder(get(id), caller);
        Actor by = caller.actor();
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("text", "must not be blank");
        }
        if (text.length() > MAX_NOTE_LENGTH) {
            throw InvalidInputException.of("text", "must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        return timeline.get(timeline.append(id, clock.instant(), IncidentEntryKinds.NOTE, by, null, text.strip()));
    }

    /**
     * An opaque cursor: {@code n:<number>} for the default order (as before), {@code p:<rank>:<number>} and
     * {@code s:<rank>:<number>} for the priority and severity orders.
     */
    public static String encodeCursor(IncidentQuery.Cursor cursor) {
        String text = switch (cursor.sort()) {
            case CREATED -> "n:" + cursor.number();
            case PRIORITY -> "p:" + cursor.rank() + ":" + cursor.number();
            case SEVERITY -> "s:" + cursor.rank() + ":" + cursor.number();
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor points after; a cursor we did not make, or made for another sort, is invalid. */
    public static IncidentQuery.Cursor decodeCursor(String cursor, IncidentSort sort) {
        IncidentQuery.Cursor decoded;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", -1);
            decoded = switch (parts[0]) {
                case "n" -> {
                    if (parts.length != 2) {
                        throw new IllegalArgumentException();
                    }
                    yield new IncidentQuery.Cursor(IncidentSort.CREATED, 0, Long.parseLong(parts[1]));
                }
                case "p", "s" -> {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException();
                    }
                    yield new IncidentQuery.Cursor(
                            parts[0].equals("p") ? IncidentSort.PRIORITY : IncidentSort.SEVERITY,
                            Integer.parseInt(parts[1]),
                            Long.parseLong(parts[2]));
                }
                default -> throw new IllegalArgumentException();
            };
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "is not a cursor returned by this API");
        }
        if (decoded.sort() != sort) {
            throw InvalidInputException.of(
                    "cursor",
                    "belongs to sort=" + decoded.sort().name().toLowerCase(java.util.Locale.ROOT)
                            + "; keep the sort of the first page");
        }
        return decoded;
    }
}
