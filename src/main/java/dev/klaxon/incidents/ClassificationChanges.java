package dev.klaxon.incidents;

import dev.klaxon.common.NotFoundException;
import dev.klaxon.incidents.internal.ClassificationChangeStore;
import dev.klaxon.incidents.internal.IncidentStore;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The recorded priority and severity changes: one incident's, and the judgement overrides of all, for review. */
@Service
public class ClassificationChanges {

    private final ClassificationChangeStore changes;
    private final IncidentStore incidents;

    ClassificationChanges(ClassificationChangeStore changes, IncidentStore incidents) {
        this.changes = changes;
        this.incidents = incidents;
    }

    @Transactional(readOnly = true)
    public List<ClassificationChangeView> ofIncident(UUID id) {
        incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
        return changes.list(id);
    }

    /** Judgement overrides of all incidents, newest first, for review. */
    @Transactional(readOnly = true)
    public List<ClassificationChangeView> overrides(int limit) {
        return changes.overrides(limit);
    }
}
