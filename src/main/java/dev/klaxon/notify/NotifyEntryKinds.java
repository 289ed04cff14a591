package dev.klaxon.notify;

import dev.klaxon.timeline.EntryKind;
import dev.klaxon.timeline.EntryKinds;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The timeline entries the notify module writes: pages, each delivery attempt's outcome, acknowledge links. */
@Component
public class NotifyEntryKinds implements EntryKinds {

    /** A person was paged (one entry per person and step). */
    public static final EntryKind PAGED = kind("paged");
    /** One attempt to deliver a page over one contact method, with its outcome. */
    public static final EntryKind DELIVERY_SUCCEEDED = kind("delivery_succeeded");

    public static final EntryKind DELIVERY_FAILED = kind("delivery_failed");
    /** A page could not be delivered at all (no contact method, retries used up, person deactivated). */
    public static final EntryKind DELIVERY_ABANDONED = kind("delivery_abandoned");
    /** A paged person answered through the acknowledge link of the page. */
    public static final EntryKind PAGE_ACKNOWLEDGED = kind("page_acknowledged", "Page acknowledged");

    private static EntryKind kind(String name) {
        return EntryKind.of("notify", name);
    }

    private static EntryKind kind(String name, String label) {
        return EntryKind.of("notify", name, label);
    }

    @Override
    public Collection<EntryKind> kinds() {
        return List.of(PAGED, DELIVERY_SUCCEEDED, DELIVERY_FAILED, DELIVERY_ABANDONED, PAGE_ACKNOWLEDGED);
    }
}
