package dev.klaxon.timeline;

import dev.klaxon.common.Actor;
import dev.klaxon.timeline.internal.EntryStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only incident timeline. Every module writes its entries here, of the kinds it declared; entries join
 * the caller's transaction, so an action and its entry commit or roll back together. Readers get one stream per
 * incident, in the order entries were written.
 */
@Service
public class Timeline {

    private final EntryStore store;
    private final ObjectProvider<EntryKinds> declarations;
    /** The declared kinds by key; built on first use, once every module's declaration bean exists. */
    private volatile Map<String, EntryKind> declared;

    Timeline(EntryStore store, ObjectProvider<EntryKinds> declarations) {
        this.store = store;
        this.declarations = declarations;
    }

    /** Appends one entry; returns its id. */
    @Transactional
    public long append(NewEntry entry) {
        requireDeclared(entry.kind());
        return store.append(entry);
    }

    /** Appends one entry without a payload; returns its id. */
    @Transactional
    public long append(UUID incidentId, Instant at, EntryKind kind, Actor actor, String subject, String message) {
        return append(new NewEntry(incidentId, at, kind, actor, subject, message));
    }

    /** Appends many entries in one JDBC batch, in list order (escalation steps of many incidents fall due together). */
    @Transactional
    public void appendAll(List<NewEntry> entries) {
        entries.forEach(entry -> requireDeclared(entry.kind()));
        store.appendAll(entries);
    }

    /**
     * Repeats (of an alert) fold into one entry per incident, kind and subject while they come less than ten minutes
     * apart: the entry's count goes up and its last time moves on; a repeat after a longer pause starts a new entry.
     */
    @Transactional
    public void appendFolded(List<NewEntry> repeats) {
        repeats.forEach(entry -> requireDeclared(entry.kind()));
        store.appendFolded(repeats);
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> list(UUID incidentId) {
        return store.list(incidentId).stream().map(this::labelled).toList();
    }

    @Transactional(readOnly = true)
    public TimelineEntry get(long id) {
        return labelled(store.get(id));
    }

    /** The label its module declared; an entry of a kind no longer declared gets one made from its name. */
    private TimelineEntry labelled(TimelineEntry entry) {
        EntryKind kind = declared().get(entry.kind());
        return entry.withLabel((kind != null ? kind : EntryKind.parse(entry.kind())).label());
    }

    /** Every declared kind, by key, with the module that declared it. */
    public List<EntryKind> kinds() {
        return declared().values().stream()
                .sorted(Comparator.comparing(EntryKind::key))
                .toList();
    }

    private void requireDeclared(EntryKind kind) {
        if (!declared().containsKey(kind.key())) {
            throw new IllegalArgumentException("Timeline entry kind " + kind.key() + " is not declared by any module");
        }
    }

    private Map<String, EntryKind> declared() {
        Map<String, EntryKind> kinds = declared;
        if (kinds == null) {
            kinds = new HashMap<>();
            for (EntryKinds declaration : declarations.orderedStream().toList()) {
                String owner = declaration.getClass().getName();
                for (EntryKind kind : declaration.kinds()) {
                    if (!owner.startsWith("dev.klaxon." + kind.module() + ".")) {
                        throw new IllegalStateException("Timeline entry kind " + kind.key()
                                + " must be declared by its own module, not by " + owner);
                    }
                    if (kinds.put(kind.key(), kind) != null) {
                        throw new IllegalStateException("Timeline entry kind " + kind.key() + " is declared twice");
                    }
                }
            }
            declared = Map.copyOf(kinds);
            kinds = declared;
        }
        return kinds;
    }
}
