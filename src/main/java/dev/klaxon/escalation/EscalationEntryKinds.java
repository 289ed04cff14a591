package dev.klaxon.escalation;

import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.EntryKinds;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The timeline entries the escalation engine writes. */
@Component
public class EscalationEntryKinds implements EntryKinds {

    /** An escalation level was reached and its targets resolved to people. */
    public static final EntryKind ESCALATED = kind("escalated");
    /** Escalation ended: acknowledged, resolved, or every level and repeat used up. */
    public static final EntryKind STOPPED = kind("stopped", "Escalation stopped");
    /** A required role was unfilled, so the person on call for it was paged. */
    public static final EntryKind ROLE_PAGED = kind("role_paged", "Role paged");

    private static EntryKind kind(String name) {
        return EntryKind.of("escalation", name);
    }

    private static EntryKind kind(String name, String label) {
        return EntryKind.of("escalation", name, label);
    }

    @Override
    public Collection<EntryKind> kinds() {
        return List.of(ESCALATED, STOPPED, ROLE_PAGED);
    }
}
