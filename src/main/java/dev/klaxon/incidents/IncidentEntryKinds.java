package dev.klaxon.incidents;

import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.EntryKinds;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The timeline entries the incidents module writes: the incident's life, its alerts and its classification. */
@Component
public class IncidentEntryKinds implements EntryKinds {

    public static final EntryKind OPENED = kind("opened", "Incident opened");
    public static final EntryKind ALERT_RECEIVED = kind("alert_received");
    /** Repeats of an alert, folded into one entry while they keep coming. */
    public static final EntryKind ALERT_REPEATED = kind("alert_repeated");

    public static final EntryKind ALERT_ACKNOWLEDGED = kind("alert_acknowledged");
    public static final EntryKind ALERT_RESOLVED = kind("alert_resolved");
    public static final EntryKind ACKNOWLEDGED = kind("acknowledged");
    public static final EntryKind RESOLVED = kind("resolved");
    public static final EntryKind NOTE = kind("note", "Note");
    public static final EntryKind PRIORITY_CHANGED = kind("priority_changed");
    public static final EntryKind SEVERITY_CHANGED = kind("severity_changed");
    public static final EntryKind ROLE_REQUIRED = kind("role_required");
    public static final EntryKind ROLE_ASSIGNED = kind("role_assigned");
    public static final EntryKind ROLE_UNASSIGNED = kind("role_unassigned");
    public static final EntryKind TEAM_INVOLVED = kind("team_involved");
    public static final EntryKind RESPONSE_TARGET_BREACHED = kind("response_target_breached", "Response target missed");

    private static EntryKind kind(String name) {
        return EntryKind.of("incidents", name);
    }

    private static EntryKind kind(String name, String label) {
        return EntryKind.of("incidents", name, label);
    }

    @Override
    public Collection<EntryKind> kinds() {
        return List.of(
                OPENED,
                ALERT_RECEIVED,
                ALERT_REPEATED,
                ALERT_ACKNOWLEDGED,
                ALERT_RESOLVED,
                ACKNOWLEDGED,
                RESOLVED,
                NOTE,
                PRIORITY_CHANGED,
                SEVERITY_CHANGED,
                ROLE_REQUIRED,
                ROLE_ASSIGNED,
                ROLE_UNASSIGNED,
                TEAM_INVOLVED,
                RESPONSE_TARGET_BREACHED);
    }
}
