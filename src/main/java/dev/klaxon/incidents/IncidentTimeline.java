package dev.klaxon.incidents;

import dev.klaxon.incidents.internal.TimelineStore;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How other modules write to the append-only incident timeline. Lines join the caller's transaction, so a
 * page and its timeline line commit or roll back together.
 */
@Service
public class IncidentTimeline {

    private final TimelineStore timeline;

    IncidentTimeline(TimelineStore timeline) {
        this.timeline = timeline;
    }

    @Transactional
    public void record(TimelineRecord line) {
        recordAll(List.of(line));
    }

    /** Appends many lines in one JDBC batch (escalation steps of many incidents fall due together). */
    @Transactional
    public void recordAll(List<TimelineRecord> lines) {
        timeline.appendAll(lines);
    }
}
