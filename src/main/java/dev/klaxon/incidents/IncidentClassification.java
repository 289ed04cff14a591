package dev.klaxon.incidents;

import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.common.Actor;
import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.incidents.internal.ClassificationChangeStore;
import dev.klaxon.incidents.internal.ClassificationChangeStore.Kind;
import dev.klaxon.incidents.internal.IncidentReader;
import dev.klaxon.incidents.internal.IncidentRow;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.InvolvedTeamStore;
import dev.klaxon.incidents.internal.Judgement;
import dev.klaxon.incidents.internal.ResponseTargetMetrics;
import dev.klaxon.incidents.internal.RoleStore;
import dev.klaxon.timeline.NewEntry;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classifying an incident while it unfolds: priority and severity changes with their reasons, the roles the
 * severity requires and who holds them, the teams involved, the response-time target. Every change locks the
 * incident's row first, so concurrent changes of one incident are recorded one after another and the final
 * state is the last recorded change. The rules (severities, roles, matrix) are those of the classification
 * version the incident was first classified under.
 */
@Service
public class IncidentClassification {

    public static final int MAX_REASON_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(IncidentClassification.class);

    private final IncidentStore incidents;
    private final IncidentReader reader;
    private final RoleStore roles;
    private final InvolvedTeamStore teams;
    private final ClassificationChangeStore changes;
    private final Timeline timeline;
    private final Users users;
    private final Teams teamDirectory;
    private final ApplicationEventPublisher events;
    private final ResponseTargetMetrics metrics;
    private final Clock clock;

    IncidentClassification(
            IncidentStore incidents,
            IncidentReader reader,
            RoleStore roles,
            InvolvedTeamStore teams,
            ClassificationChangeStore changes,
            Timeline timeline,
            Users users,
            Teams teamDirectory,
            ApplicationEventPublisher events,
            ResponseTargetMetrics metrics,
            Clock clock) {
        this.incidents = incidents;
        this.reader = reader;
        this.roles = roles;
        this.teams = teams;
        this.changes = changes;
        this.timeline = timeline;
        this.users = users;
        this.teamDirectory = teamDirectory;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A person raises or lowers the priority. Setting the current priority again changes nothing. More urgent
     * than the rule-assigned priority is a judgement override, listed for review.
     */
    @Transactional
    public IncidentView changePriority(UUID id, String priority, String reason, Caller caller) {
        Actor by = classifier(id, caller);
        String why = reason(reason);
        required("priority", priority);
        IncidentRow row = lockOpen(id);
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
            return view(id);
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
        return view(id);
    }

    /**
     * A person sets or changes the severity: it decides the roles that must be staffed (each newly required
     * role nobody holds is announced with {@link IncidentRoleRequired}) and the response-time target. More
     * severe than before is a judgement override, listed for review.
     */
    @Transactional
    public IncidentView changeSeverity(UUID id, String severity, String reason, Caller caller) {
        Actor by = classifier(id, caller);
        String why = reason(reason);
        required("severity", severity);
        IncidentRow row = lockOpen(id);
        var version = reader.versionOf(row);
        var definition = version.definition();
        List<String> order = severityNames(definition);
        var target = definition.severity(severity);
        if (target == null) {
            throw InvalidInputException.of(
                    "severity", "'" + severity + "' is not a defined severity; use one of " + String.join(", ", order));
        }
        if (row.priority() != null && !definition.allows(row.priority(), severity)) {
            throw InvalidInputException.of(
                    "severity",
                    "severity " + severity + " is not allowed with priority " + row.priority() + "; allowed with "
                            + row.priority() + ": "
                            + String.join(", ", definition.matrix().getOrDefault(row.priority(), List.of()))
                            + ". " + allowedCombinations(definition));
        }
        if (severity.equals(row.severity())) {
            return view(id);
        }
        Instant now = clock.instant();
        boolean override = Judgement.isSeverityOverride(order, row.severity(), severity);
        Duration responseTarget = target.responseTarget();
        incidents.pinVersion(id, version.version());
        incidents.setSeverity(
                id,
                severity,
                Judgement.storedRank(order, severity),
                responseTarget == null ? null : row.createdAt().plus(responseTarget));
        changes.append(id, Kind.SEVERITY, row.severity(), severity, why, override, by, now);
        timeline.append(
                id,
                now,
                IncidentEntryKinds.SEVERITY_CHANGED,
                by,
                severity,
                describe("Severity", order, row.severity(), severity, override, why));
        var previous = row.severity() == null ? null : definition.severity(row.severity());
        List<String> requiredBefore = previous == null ? List.of() : previous.requiredRoles();
        List<String> filled =
                roles.list(id).stream().map(RoleStore.Holder::role).toList();
        events.publishEvent(new IncidentSeverityChanged(id, row.severity(), severity, why, override, by, now));
        for (String role : Judgement.newlyMissing(requiredBefore, target.requiredRoles(), filled)) {
            roleRequired(row, role, "by severity " + severity, now);
        }
        checkResponseTarget(id, now);
        return view(id);
    }

    /**
     * Gives a role to a user, or hands it over from its holder to them; incident command changes hands only
     * this way. Giving a role to its holder changes nothing.
     */
    @Transactional
    public IncidentView assignRole(UUID id, String role, UUID userId, String reason, Caller caller) {
        Actor by = classifier(id, caller);
        required("role", role);
        if (userId == null) {
            throw InvalidInputException.of("userId", "is required");
        }
        String why = optionalReason(reason);
        IncidentRow row = lockOpen(id);
        var version = reader.versionOf(row);
        checkRole(version.definition(), role);
        var user = users.find(userId).orElseThrow(() -> InvalidInputException.of("userId", "no user has this id"));
        var previous = roles.find(id, role);
        if (previous.isPresent() && previous.get().userId().equals(userId)) {
            return view(id);
        }
        Instant now = clock.instant();
        incidents.pinVersion(id, version.version());
        roles.assign(id, new RoleStore.Holder(role, user.id(), user.name(), now, by.name()));
        String message = previous.isEmpty()
                ? role + " assigned to " + user.name()
                : role + " handed over from " + previous.get().userName() + " to " + user.name();
        timeline.append(
                id, now, IncidentEntryKinds.ROLE_ASSIGNED, by, role, why == null ? message : message + ": " + why);
        events.publishEvent(new IncidentRoleAssigned(
                id,
                role,
                user.id(),
                user.name(),
                previous.map(RoleStore.Holder::userId).orElse(null),
                by,
                now));
        return view(id);
    }

    /** Takes a role away from its holder (with a reason); a role the severity requires is announced again. */
    @Transactional
    public IncidentView unassignRole(UUID id, String role, String reason, Caller caller) {
        Actor by = classifier(id, caller);
        required("role", role);
        String why = reason(reason);
        IncidentRow row = lockOpen(id);
        var version = reader.versionOf(row);
        checkRole(version.definition(), role);
        var previous = roles.find(id, role);
        if (previous.isEmpty()) {
            return view(id);
        }
        Instant now = clock.instant();
        roles.unassign(id, role);
        timeline.append(
                id,
                now,
                IncidentEntryKinds.ROLE_UNASSIGNED,
                by,
                role,
                role + " taken from " + previous.get().userName() + ": " + why);
        events.publishEvent(
                new IncidentRoleAssigned(id, role, null, null, previous.get().userId(), by, now));
        var severity = row.severity() == null ? null : version.definition().severity(row.severity());
        if (severity != null && severity.requiredRoles().contains(role)) {
            roleRequired(row, role, "by severity " + severity.name(), now);
        }
        return view(id);
    }

    /** Involves another team; with more than one team the incident is complex. The owning team always is. */
    @Transactional
    public IncidentView involveTeam(UUID id, UUID teamId, Caller caller) {
        Actor by = classifier(id, caller);
        if (teamId == null) {
            throw InvalidInputException.of("teamId", "is required");
        }
        var team =
                teamDirectory.find(teamId).orElseThrow(() -> InvalidInputException.of("teamId", "no team has this id"));
        IncidentRow row = lockOpen(id);
        Instant now = clock.instant();
        if (!teamId.equals(row.teamId()) && teams.add(id, teamId, now, by.name())) {
            int count = view(id).involvedTeamIds().size();
            timeline.append(
                    id,
                    now,
                    IncidentEntryKinds.TEAM_INVOLVED,
                    by,
                    team.name(),
                    "Team " + team.name() + " involved; " + count + " teams, the incident is complex");
        }
        return view(id);
    }

    @Transactional(readOnly = true)
    public List<ClassificationChangeView> changes(UUID id) {
        incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
        return changes.list(id);
    }

    /** Judgement overrides of all incidents, newest first, for review. */
    @Transactional(readOnly = true)
    public List<ClassificationChangeView> overrides(int limit) {
        return changes.overrides(limit);
    }

    /**
     * What a rule's priority for an incident about to be opened comes to under the current classification version:
     * the priority to write with the incident, or none when that version does not define it.
     */
    InitialPriority initialPriority(String priority, String reason) {
        var version = reader.currentVersion();
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

    /**
     * Records and counts a missed response target the first time it is seen: at acknowledgement (or
     * resolution) after the target, or when a severity is set on an incident that is late already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void checkResponseTarget(UUID id, Instant now) {
        if (!incidents.recordBreachIfLate(id, now)) {
            return;
        }
        metrics.breached();
        var row = incidents.find(id).orElseThrow();
        Duration target = Duration.between(row.createdAt(), row.responseDueAt());
        Instant end = row.acknowledgedAt() != null ? row.acknowledgedAt() : row.resolvedAt();
        String message = end == null
                ? "Not acknowledged within the response target of " + Durations.human(target) + " (severity "
                        + row.severity() + ")"
                : (row.acknowledgedAt() != null ? "Acknowledged after " : "Resolved without acknowledgement after ")
                        + Durations.human(Duration.between(row.createdAt(), end)) + ", over the response target of "
                        + Durations.human(target) + " (severity " + row.severity() + ")";
        timeline.append(id, now, IncidentEntryKinds.RESPONSE_TARGET_BREACHED, Actor.SYSTEM, null, message);
    }

    private void roleRequired(IncidentRow row, String role, String why, Instant now) {
        timeline.append(
                row.id(),
                now,
                IncidentEntryKinds.ROLE_REQUIRED,
                Actor.SYSTEM,
                role,
                role + " required " + why + "; nobody holds it");
        events.publishEvent(new IncidentRoleRequired(row.id(), row.teamId(), role, now));
    }

    private IncidentRow lockOpen(UUID id) {
        IncidentRow row = incidents.lock(id).orElseThrow(() -> new NotFoundException("Incident", id));
        if (row.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("Incident #" + row.number() + " is resolved; its classification and roles"
                    + " can no longer change");
        }
        return row;
    }

    /** Responders of the owning team and of every involved team classify the incident; returns who acts. */
    private Actor classifier(UUID id, Caller caller) {
        caller.requireInAny(Permission.INCIDENTS_CLASSIFY, view(id).involvedTeamIds());
        return caller.actor();
    }

    private IncidentView view(UUID id) {
        return reader.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
    }

    private static void checkRole(ClassificationDefinition definition, String role) {
        var names = definition.roles().stream()
                .map(ClassificationDefinition.Role::name)
                .toList();
        if (!names.contains(role)) {
            throw InvalidInputException.of(
                    "role", "'" + role + "' is not a defined role; use one of " + String.join(", ", names));
        }
    }

    static List<String> priorityNames(ClassificationDefinition definition) {
        return definition.priorities().stream()
                .map(ClassificationDefinition.Priority::name)
                .toList();
    }

    static List<String> severityNames(ClassificationDefinition definition) {
        return definition.severities().stream()
                .map(ClassificationDefinition.Severity::name)
                .toList();
    }

    /** "Allowed combinations: P1 with Critical, Error; P2 with Error; ..." in the definition's priority order. */
    static String allowedCombinations(ClassificationDefinition definition) {
        Map<String, List<String>> matrix = definition.matrix();
        return "Allowed combinations: "
                + priorityNames(definition).stream()
                        .filter(p -> !matrix.getOrDefault(p, List.of()).isEmpty())
                        .map(p -> p + " with " + String.join(", ", matrix.get(p)))
                        .collect(Collectors.joining("; "));
    }

    private static String describe(
            String what, List<String> order, String from, String to, boolean override, String why) {
        String change;
        if (from == null) {
            change = what + " set to " + to;
        } else {
            String direction = Judgement.rank(order, to) < Judgement.rank(order, from) ? " raised" : " lowered";
            change = what + direction + " from " + from + " to " + to;
        }
        return change + (override ? " (judgement override)" : "") + ": " + why;
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(field, "must not be blank");
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "must not be blank: say why, it is recorded with the change");
        }
        return checkedLength(reason.strip());
    }

    private static String optionalReason(String reason) {
        return reason == null || reason.isBlank() ? null : checkedLength(reason.strip());
    }

    private static String checkedLength(String reason) {
        if (reason.length() > MAX_REASON_LENGTH) {
            throw InvalidInputException.of("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason;
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
