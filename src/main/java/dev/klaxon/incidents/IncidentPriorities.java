package dev.klaxon.incidents;

import static dev.klaxon.incidents.IncidentChangeRules.allowedCombinations;
import static dev.klaxon.incidents.IncidentChangeRules.clip;
import static dev.klaxon.incidents.IncidentChangeRules.describe;
import static dev.klaxon.incidents.IncidentChangeRules.priorityNames;
import static dev.klaxon.incidents.IncidentChangeRules.reason;
import static dev.klaxon.incidents.IncidentChangeRules.required;

import dev.klaxon.common.Actor;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.incidents.internal.ClassificationChangeStore;
import dev.klaxon.incidents.internal.ClassificationChangeStore.Kind;
import dev.klaxon.incidents.internal.IncidentReader;
import dev.klaxon.incidents.internal.IncidentRow;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.Judgement;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An incident's priority (what must be done): the rule's priority it opens with, raises by frequency rules, and
 * changes people make with a reason. A person's priority more urgent than the rule's is a judgement override,
 * listed for review.
 */
@Service
public class IncidentPriorities {

    private static final Logger log = LoggerFactory.getLogger(IncidentPriorities.class);

    private final IncidentStore incidents;
    private final IncidentReader reader;
    private final ClassificationChangeStore changes;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final IncidentChangeRules rules;
    private final Clock clock;

    IncidentPriorities(
            IncidentStore incidents,
            IncidentReader reader,
            ClassificationChangeStore changes,
            Timeline timeline,
            ApplicationEventPublisher events,
            IncidentChangeRules rules,
            Clock clock) {
        this.incidents = incidents;
        this.reader = reader;
        this.changes = changes;
        this.timeline = timeline;
        this.events = events;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A person raises or lowers the priority. Setting the current priority again changes nothing. More urgent
     * than the rule-assigned priority is a judgement override, listed for review.
     */
    @Transactional
    public IncidentView changePriority(UUID id, String priority, String reason, Caller caller) {
        Actor by = rules.classifier(id, caller);
        String why = reason(reason);
        required("priority", priority);
        IncidentRow row = rules.lockOpen(id);
        var version = reader.versionOf(row);
        var definition = version.definition();
        List<String> order = priorityNames(definition);
        if (definition.priority(priority) == null) {
            throw InvalidInputException.of(
                    "priority", "'" + priority + "' is not a defined priority; use one of " + String.join(", ", order));
        }
        if (row.severity() != null && !definition.allows(priority, row.severity())) {
            throw InvalidInputException.of(
                    "priority",
                    "priority " + priority + " is not allowed with severity " + row.severity() + ". "
                            + allowedCombinations(definition));
        }
        if (priority.equals(row.priority())) {
            return rules.view(id);
        }
        Instant now = clock.instant();
        boolean override = Judgement.isPriorityOverride(order, row.rulePriority(), priority);
        incidents.pinVersion(id, version.version());
        incidents.setPriority(id, priority, Judgement.storedRank(order, priority));
        changes.append(id, Kind.PRIORITY, row.priority(), priority, why, override, by, now);
        timeline.append(
                id,
                now,
                IncidentEntryKinds.PRIORITY_CHANGED,
                by,
                priority,
                describe("Priority", order, row.priority(), priority, override, why));
        incidents.reachPrioritization(id, now, by.name());
        events.publishEvent(new IncidentPriorityChanged(id, row.priority(), priority, why, override, by, now));
        return rules.view(id);
    }

    /**
     * What a rule's priority for an incident about to be opened comes to under the classification version the rule
     * decided it under ({@code classificationVersion}; 0 when the decision came with the signal, then the current
     * version): the priority to write with the incident, or none when that version does not define it.
     */
    InitialPriority initialPriority(String priority, String reason, int classificationVersion) {
        var version = classificationVersion > 0 ? reader.version(classificationVersion) : reader.currentVersion();
        List<String> order = priorityNames(version.definition());
        String why = reason == null || reason.isBlank() ? "Assigned by rule" : clip(reason.strip());
        return new InitialPriority(
                order.contains(priority)
                        ? new IncidentStore.InitialPriority(
                                version.version(), priority, Judgement.storedRank(order, priority))
                        : null,
                priority,
                why,
                version.version());
    }

    /** An incident just opened with a rule's priority. */
    record Opening(UUID incidentId, long number, InitialPriority priority, Actor by, Instant at) {}

    /**
     * Records the rule priorities of incidents just opened with them (in the opening transaction): the changes,
     * in one batch, and the events. Returns one timeline line per opening, in order, for the caller to write with
     * the incidents' other lines.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<NewEntry> recordInitialPriorities(List<Opening> openings) {
        List<NewEntry> lines = new ArrayList<>(openings.size());
        List<ClassificationChangeStore.Change> assigned = new ArrayList<>(openings.size());
        List<IncidentPriorityChanged> changed = new ArrayList<>(openings.size());
        for (Opening o : openings) {
            var initial = o.priority();
            String priority = initial.requested();
            if (initial.stored() == null) {
                log.warn(
                        "Incident #{}: rule priority '{}' is not defined; left without a priority",
                        o.number(),
                        priority);
                lines.add(new NewEntry(
                        o.incidentId(),
                        o.at(),
                        IncidentEntryKinds.NOTE,
                        Actor.SYSTEM,
                        null,
                        "A rule assigned priority '" + priority + "', which classification version " + initial.version()
                                + " does not define; the incident has no priority"));
                continue;
            }
            assigned.add(new ClassificationChangeStore.Change(
                    o.incidentId(), Kind.PRIORITY, null, priority, initial.reason(), false, o.by(), o.at()));
            changed.add(new IncidentPriorityChanged(
                    o.incidentId(), null, priority, initial.reason(), false, o.by(), o.at()));
            lines.add(new NewEntry(
                    o.incidentId(),
                    o.at(),
                    IncidentEntryKinds.PRIORITY_CHANGED,
                    o.by(),
                    priority,
                    "Priority " + priority + ": " + initial.reason()));
        }
        changes.appendAll(assigned);
        changed.forEach(events::publishEvent);
        return lines;
    }

    /**
     * A rule's priority for a new incident, judged before the incident is written.
     *
     * @param stored what the incident is inserted with; null when {@code version} does not define the priority
     */
    record InitialPriority(IncidentStore.InitialPriority stored, String requested, String reason, int version) {}

    /**
     * A frequency rule raises the priority: applied only when more urgent than the current priority (the rule
     * priority rises with it). When a person's priority is more urgent already, only the rule-assigned
     * priority rises. Returns whether the priority changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean escalate(UUID id, String priority, String reason, Instant at) {
        IncidentRow row = incidents.lock(id).orElseThrow(() -> new NotFoundException("Incident", id));
        if (row.status() == IncidentStatus.RESOLVED) {
            return false;
        }
        var version = reader.versionOf(row);
        var definition = version.definition();
        List<String> order = priorityNames(definition);
        if (!order.contains(priority)) {
            log.warn("Incident #{}: escalation to undefined priority '{}' ignored", row.number(), priority);
            return false;
        }
        boolean raise = Judgement.moreUrgent(order, priority, row.priority());
        if (!raise) {
            if (Judgement.moreUrgent(order, priority, row.rulePriority())) {
                incidents.setRulePriorityOnly(id, priority);
            }
            return false;
        }
        String why = reason == null || reason.isBlank() ? "Raised by rule" : clip(reason.strip());
        incidents.pinVersion(id, version.version());
        incidents.setRulePriority(id, priority, Judgement.storedRank(order, priority));
        changes.append(id, Kind.PRIORITY, row.priority(), priority, why, false, Actor.SYSTEM, at);
        String message = describe("Priority", order, row.priority(), priority, false, why);
        if (row.severity() != null && !definition.allows(priority, row.severity())) {
            message += " (the matrix does not allow " + priority + " with severity " + row.severity()
                    + "; review the severity)";
        }
        timeline.append(id, at, IncidentEntryKinds.PRIORITY_CHANGED, Actor.SYSTEM, priority, message);
        incidents.reachPrioritization(id, at, Actor.SYSTEM.name());
        events.publishEvent(new IncidentPriorityChanged(id, row.priority(), priority, why, false, Actor.SYSTEM, at));
        return true;
    }
}
