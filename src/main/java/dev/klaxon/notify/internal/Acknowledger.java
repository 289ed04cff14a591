package dev.klaxon.notify.internal;

import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.incidents.IncidentStaffing;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.notify.NotifyEntryKinds;
import dev.klaxon.notify.PageAcknowledged;
import dev.klaxon.notify.PageReason;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers a page through its acknowledge link. Reading a link ({@link #inspect}) changes nothing, because mail
 * scanners prefetch links; {@link #acknowledge} uses it once: the conditional update of {@code link_used_at},
 * the acknowledgement (or role assignment), the timeline line and the event commit together or not at all.
 */
@Component
public class Acknowledger {

    public enum Outcome {
        /** GET of a link that can be used. */
        VALID,
        ACKNOWLEDGED,
        ROLE_ACCEPTED,
        ALREADY_USED,
        EXPIRED,
        INVALID,
        RESOLVED,
        REFUSED;

        public int httpStatus() {
            return switch (this) {
                case VALID, ACKNOWLEDGED, ROLE_ACCEPTED -> 200;
                case ALREADY_USED, RESOLVED, REFUSED -> 409;
                case EXPIRED -> 410;
                case INVALID -> 404;
            };
        }
    }

    /** What happened, with what the page shows; {@code page} and {@code incident} are null for INVALID. */
    public record Result(
            Outcome outcome, PageStore.PageRow page, IncidentView incident, String userName, String message) {}

    private final AckLinks links;
    private final PageStore pages;
    private final Incidents incidents;
    private final IncidentStaffing staffing;
    private final Timeline timeline;
    private final Users users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Acknowledger(
            AckLinks links,
            PageStore pages,
            Incidents incidents,
            IncidentStaffing staffing,
            Timeline timeline,
            Users users,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.links = links;
        this.pages = pages;
        this.incidents = incidents;
        this.staffing = staffing;
        this.timeline = timeline;
        this.users = users;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What the link would do; changes nothing. */
    public Result inspect(String token) {
        var verdict = links.verify(token);
        if (verdict instanceof AckLinks.Forged) {
            return invalid();
        }
        var pageId = verdict instanceof AckLinks.Valid v ? v.pageId() : ((AckLinks.Expired) verdict).pageId();
        var page = pages.find(pageId);
        if (page.isEmpty()) {
            return invalid();
        }
        IncidentView incident = incidents.get(page.get().incidentId());
        String name = name(page.get());
        if (verdict instanceof AckLinks.Expired) {
            return new Result(Outcome.EXPIRED, page.get(), incident, name, "This link has expired.");
        }
        if (page.get().linkUsedAt() != null) {
            return new Result(Outcome.ALREADY_USED, page.get(), incident, name, "This link has already been used.");
        }
        if (incident.status() == IncidentStatus.RESOLVED) {
            return new Result(Outcome.RESOLVED, page.get(), incident, name, "The incident is already resolved.");
        }
        return new Result(Outcome.VALID, page.get(), incident, name, null);
    }

    /** Uses the link: acknowledges the incident, or gives the paged person the role of a ROLE page. */
    public Result acknowledge(String token) {
        var verdict = links.verify(token);
        if (verdict instanceof AckLinks.Forged) {
            return invalid();
        }
        if (verdict instanceof AckLinks.Expired expired) {
            return pages.find(expired.pageId())
                    .map(page -> new Result(
                            Outcome.EXPIRED,
                            page,
                            incidents.get(page.incidentId()),
                            name(page),
                            "This link has expired."))
                    .orElseGet(Acknowledger::invalid);
        }
        var pageId = ((AckLinks.Valid) verdict).pageId();
        try {
            return transaction.execute(status -> use(pageId));
        } catch (ConflictException | InvalidInputException e) {
            // Resolved or changed meanwhile; nothing was written (the transaction rolled back).
            var page = pages.find(pageId).orElseThrow();
            var incident = incidents.get(page.incidentId());
            return incident.status() == IncidentStatus.RESOLVED
                    ? new Result(Outcome.RESOLVED, page, incident, name(page), "The incident is already resolved.")
                    : new Result(Outcome.REFUSED, page, incident, name(page), e.getMessage());
        }
    }

    private Result use(java.util.UUID pageId) {
        Optional<PageStore.PageRow> found = pages.find(pageId);
        if (found.isEmpty()) {
            return invalid();
        }
        var page = found.get();
        String name = name(page);
        IncidentView incident = incidents.get(page.incidentId());
        if (incident.status() == IncidentStatus.RESOLVED) {
            return new Result(Outcome.RESOLVED, page, incident, name, "The incident is already resolved.");
        }
        if (users.find(page.userId()).map(user -> !user.active()).orElse(true)) {
            // A deactivated person's links die with their account, like their sessions and tokens.
            return new Result(
                    Outcome.REFUSED, page, incident, name, name + " has been deactivated; this link no longer works.");
        }
        Instant now = clock.instant();
        if (!pages.useLink(page.id(), now)) {
            return new Result(Outcome.ALREADY_USED, page, incident, name, "This link has already been used.");
        }
        Actor actor = Actor.user(page.userId(), name);
        // The signed, single-use link is the authority, whatever the person's team roles: they were paged for this.
        Caller byLink = Caller.delegated(
                actor,
                page.reason() == PageReason.ROLE
                        ? EnumSet.of(Permission.INCIDENTS_CLASSIFY)
                        : EnumSet.of(Permission.INCIDENTS_RESPOND));
        Outcome outcome;
        String message;
        if (page.reason() == PageReason.ROLE) {
            incident = staffing.assignRole(page.incidentId(), page.role(), page.userId(), "Accepted the page", byLink);
            outcome = Outcome.ROLE_ACCEPTED;
            message = name + " is now " + page.role() + ".";
        } else {
            boolean wasAcknowledged = incident.status() == IncidentStatus.ACKNOWLEDGED;
            incident = incidents.acknowledge(page.incidentId(), byLink);
            outcome = Outcome.ACKNOWLEDGED;
            message = wasAcknowledged
                    ? "Acknowledged. " + incident.acknowledgedBy() + " had already acknowledged the incident."
                    : "Acknowledged by " + name + ".";
        }
        timeline.append(new NewEntry(
                page.incidentId(),
                now,
                NotifyEntryKinds.PAGE_ACKNOWLEDGED,
                actor,
                name,
                page.reason() == PageReason.ROLE
                        ? name + " accepted the page for the role " + page.role() + " through its link"
                        : name + " acknowledged the page (" + page.stepKey() + ") through its link"));
        events.publishEvent(
                new PageAcknowledged(page.id(), page.incidentId(), page.userId(), page.reason(), page.role(), now));
        return new Result(outcome, page, incident, name, message);
    }

    private String name(PageStore.PageRow page) {
        return users.find(page.userId()).map(UserView::name).orElse("Unknown user");
    }

    private static Result invalid() {
        return new Result(Outcome.INVALID, null, null, null, "This link is not valid.");
    }
}
