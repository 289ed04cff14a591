package dev.klaxon.notify.internal;

import dev.klaxon.common.KlaxonProperties;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.spi.OutgoingMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns a claimed delivery into the message every channel formats its own way. */
@Component
class MessageComposer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Incidents incidents;
    private final Users users;
    private final AckLinks links;
    private final KlaxonProperties klaxon;
    private final NotifyProperties properties;

    MessageComposer(
            Incidents incidents, Users users, AckLinks links, KlaxonProperties klaxon, NotifyProperties properties) {
        this.incidents = incidents;
        this.users = users;
        this.links = links;
        this.klaxon = klaxon;
        this.properties = properties;
    }

    /** The users and incidents of a claimed batch, read together: one query each instead of several per message. */
    record Batch(Map<UUID, UserView> users, Map<UUID, IncidentView> incidents) {

        String userName(UUID id) {
            var user = users.get(id);
            return user == null ? "unknown user" : user.name();
        }

        /** A person deactivated since the delivery was written (or claimed) is never notified. */
        boolean isDeactivated(UUID id) {
            var user = users.get(id);
            return user != null && !user.active();
        }
    }

    Batch read(List<DeliveryStore.Claimed> deliveries) {
        Set<UUID> userIds = new HashSet<>();
        Set<UUID> incidentIds = new HashSet<>();
        for (var delivery : deliveries) {
            userIds.add(delivery.userId());
            if (delivery.page() != null) {
                incidentIds.add(delivery.page().incidentId());
            }
        }
        return new Batch(users.findAll(userIds), incidents.getAll(incidentIds));
    }

    OutgoingMessage compose(DeliveryStore.Claimed delivery, Batch batch) {
        String userName = batch.userName(delivery.userId());
        var page = delivery.page();
        if (page == null) {
            return new OutgoingMessage(
                    delivery.id(),
                    "notice",
                    delivery.address(),
                    delivery.userId(),
                    userName,
                    delivery.subject(),
                    delivery.body(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        IncidentView incident = batch.incidents().get(page.incidentId());
        if (incident == null) {
            throw new NotFoundException("Incident", page.incidentId());
        }
        String incidentUrl = klaxon.url("/incidents/" + incident.number());
        String ackUrl = links.url(page.id(), page.pagedAt());
        String subject = subject(incident);
        return new OutgoingMessage(
                delivery.id(),
                "page",
                delivery.address(),
                delivery.userId(),
                userName,
                subject,
                text(incident, page, incidentUrl, ackUrl),
                new OutgoingMessage.Incident(
                        incident.id(),
                        incident.number(),
                        incident.title(),
                        incident.status().name(),
                        incident.priority(),
                        incident.severity(),
                        incidentUrl),
                ackUrl,
                page.reason().name(),
                page.role(),
                page.level(),
                page.stepKey());
    }

    /** {@code [Klaxon] #42 P1 Checkout failing}. */
    static String subject(IncidentView incident) {
        String title = incident.title().length() > 200 ? incident.title().substring(0, 199) + "…" : incident.title();
        return "[Klaxon] #" + incident.number() + (incident.priority() == null ? "" : " " + incident.priority()) + " "
                + title;
    }

    private String text(IncidentView incident, PageStore.PageRow page, String incidentUrl, String ackUrl) {
        var out = new StringBuilder();
        out.append("Incident #")
                .append(incident.number())
                .append(": ")
                .append(incident.title())
                .append('\n');
        out.append("Status: ").append(incident.status());
        if (incident.priority() != null) {
            out.append(" · Priority ").append(incident.priority());
        }
        if (incident.severity() != null) {
            out.append(" · Severity ").append(incident.severity());
        }
        out.append("\n\n");
        if (page.reason() == PageReason.ROLE) {
            out.append("You are asked to take the role ").append(page.role()).append(".\n");
            out.append("Accept the role: ").append(ackUrl).append('\n');
        } else {
            out.append(page.reason() == PageReason.RENOTIFY ? "You are paged again" : "You are paged")
                    .append(" (escalation level ")
                    .append(page.level())
                    .append(").\n");
            out.append("Acknowledge: ").append(ackUrl).append('\n');
        }
        out.append("Open the incident: ").append(incidentUrl).append("\n\n");
        Instant expires = page.pagedAt().plus(properties.linkExpiry());
        out.append("The ")
                .append(page.reason() == PageReason.ROLE ? "accept" : "acknowledge")
                .append(" link works once, without signing in, until ")
                .append(WHEN.format(expires.atOffset(ZoneOffset.UTC)))
                .append('.');
        return out.toString();
    }
}
