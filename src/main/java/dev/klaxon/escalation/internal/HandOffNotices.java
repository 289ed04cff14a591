package dev.klaxon.escalation.internal;

import dev.klaxon.incidents.IncidentPage;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.notify.Notice;
import dev.klaxon.notify.Paging;
import dev.klaxon.oncall.ShiftHandedOff;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At each change of person in a rotation, the outgoing and the incoming person get a notice listing the open
 * incidents of the rotation's team: the hand-off conversation the overview seed asks for, started by Klaxon.
 * Runs inside the transaction that announces the hand-off, so notices exist exactly when it is announced.
 */
@Component
class HandOffNotices {

    /** More than this many open incidents are summarised as a count: a notice must stay readable on a phone. */
    static final int LISTED = 20;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Incidents incidents;
    private final Paging paging;
    private final ResponderNames names;

    HandOffNotices(Incidents incidents, Paging paging, ResponderNames names) {
        this.incidents = incidents;
        this.paging = paging;
        this.names = names;
    }

    @EventListener
    void handedOff(ShiftHandedOff event) {
        IncidentPage open = incidents.list(IncidentQuery.of(
                EnumSet.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED),
                null,
                event.teamId(),
                null,
                null,
                LISTED));
        String outgoing = event.outgoingUserId() == null ? "nobody" : names.user(event.outgoingUserId());
        String incoming = event.incomingUserId() == null ? "nobody" : names.user(event.incomingUserId());
        String subject = "[Klaxon] Shift change: " + event.rotationName() + " (" + event.role() + ")";
        String text = "Shift change in " + event.rotationName() + " (" + event.role() + ") at "
                + TIME.format(event.at().atOffset(ZoneOffset.UTC)) + ": " + outgoing + " hands over to " + incoming
                + ".\n\n" + describe(open);
        String dedupKey = "handoff:" + event.rotationId() + ":" + event.at();
        List<Notice> notices = new ArrayList<>();
        for (UUID person : new UUID[] {event.outgoingUserId(), event.incomingUserId()}) {
            if (person != null) {
                notices.add(new Notice(person, dedupKey, subject, text, event.at()));
            }
        }
        paging.inform(notices);
    }

    private static String describe(IncidentPage open) {
        if (open.items().isEmpty()) {
            return "The team has no open incidents.";
        }
        StringBuilder text = new StringBuilder("Open incidents of the team:\n");
        for (IncidentView incident : open.items()) {
            text.append("#")
                    .append(incident.number())
                    .append(incident.priority() == null ? "" : " " + incident.priority())
                    .append(" ")
                    .append(incident.title())
                    .append(" (")
                    .append(incident.status().name().toLowerCase(Locale.ROOT))
                    .append(")\n");
        }
        if (open.nextCursor() != null) {
            text.append("…and more; see the incident list.\n");
        }
        return text.toString();
    }
}
