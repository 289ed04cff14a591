package dev.klaxon.incidents;

import static dev.klaxon.incidents.IncidentChangeRules.allowedCombinations;
import static dev.klaxon.incidents.IncidentChangeRules.checkRole;
import static dev.klaxon.incidents.IncidentChangeRules.describe;
import static dev.klaxon.incidents.IncidentChangeRules.optionalReason;
import static dev.klaxon.incidents.IncidentChangeRules.reason;
import static dev.klaxon.incidents.IncidentChangeRules.required;
import static dev.klaxon.incidents.IncidentChangeRules.severityNames;

import dev.klaxon.common.Actor;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.incidents.internal.ClassificationChangeStore;
import dev.klaxon.incidents.internal.ClassificationChangeStore.Kind;
import dev.klaxon.incidents.internal.IncidentReader;
import dev.klaxon.incidents.internal.IncidentRow;
import dev.klaxon.incidents.internal.IncidentStore;
import dev.klaxon.incidents.internal.InvolvedTeamStore;
import dev.klaxon.incidents.internal.Judgement;
import dev.klaxon.incidents.internal.RoleStore;
import dev.klaxon.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who works on an incident and how it is organised: the severity (which decides the roles that must be staffed and
 * the response-time target), who holds each role, and the teams involved. The rules are those of the
 * classification version the incident was first classified under.
 */
@Service
public class IncidentStaffing {

    private final IncidentStore incidents;
    private final IncidentReader reader;
    private final RoleStore roles;
    private final InvolvedTeamStore teams;
    private final ClassificationChangeStore changes;
    private final Timeline timeline;
    private final Users users;
    private final Teams teamDirectory;
    private final ApplicationEventPublisher events;
    private final IncidentResponseTargets responseTargets;
    private final IncidentChangeRules rules;
    private final Clock clock;

    IncidentStaffing(
            IncidentStore incidents,
            IncidentReader reader,
            RoleStore roles,
            InvolvedTeamStore teams,
            ClassificationChangeStore changes,
            Timeline timeline,
            Users users,
            Teams teamDirectory,
            ApplicationEventPublisher events,
            IncidentResponseTargets responseTargets,
            IncidentChangeRules rules,
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
        this.responseTargets = responseTargets;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A person sets or changes the severity: it decides the roles that must be staffed (each newly required
     * role nobody holds is announced with {@link IncidentRoleRequired}) and the response-time target. More
     * severe than before is a judgement override, listed for review.
     */
    @Transactional
    public IncidentView changeSeverity(UUID id, String severity, String reason, Caller caller) {
        Actor by = rules.classifier(id, caller);
        String why = reason(reason);
        required("severity", severity);
        IncidentRow row = rules.lockOpen(id);
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
            return rules.view(id);
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
        responseTargets.check(id, now);
        return rules.view(id);
    }

    /**
     * Gives a role to a user, or hands it over from its holder to them; incident command changes hands only
     * this way. Giving a role to its holder changes nothing.
     */
    @Transactional
    public IncidentView assignRole(UUID id, String role, UUID userId, String reason, Caller caller) {
        Actor by = rules.classifier(id, caller);
        required("role", role);
        if (userId == null) {
            throw InvalidInputException.of("userId", "is required");
        }
        String why = optionalReason(reason);
        IncidentRow row = rules.lockOpen(id);
        var version = reader.versionOf(row);
        checkRole(version.definition(), role);
        var user = users.find(userId).orElseThrow(() -> InvalidInputException.of("userId", "no user has this id"));
        if (!user.active()) {
            throw InvalidInputException.of("userId", user.name() + " is deactivated and cannot hold a role");
        }
        var previous = roles.find(id, role);
        if (previous.isPresent() && previous.get().userId().equals(userId)) {
            return rules.view(id);
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
        return rules.view(id);
    }

    /** Takes a role away from its holder (with a reason); a role the severity requires is announced again. */
    @Transactional
    public IncidentView unassignRole(UUID id, String role, String reason, Caller caller) {
        Actor by = rules.classifier(id, caller);
        required("role", role);
        String why = reason(reason);
        IncidentRow row = rules.lockOpen(id);
        var version = reader.versionOf(row);
        checkRole(version.definition(), role);
        var previous = roles.find(id, role);
        if (previous.isEmpty()) {
            return rules.view(id);
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
        return rules.view(id);
    }

    /** Involves another team; with more than one team the incident is complex. The owning team always is. */
    @Transactional
    public IncidentView involveTeam(UUID id, UUID teamId, Caller caller) {
        Actor by = rules.classifier(id, caller);
        if (teamId == null) {
            throw InvalidInputException.of("teamId", "is required");
        }
        var team =
                teamDirectory.find(teamId).orElseThrow(() -> InvalidInputException.of("teamId", "no team has this id"));
        IncidentRow row = rules.lockOpen(id);
        Instant now = clock.instant();
        if (!teamId.equals(row.teamId()) && teams.add(id, teamId, now, by.name())) {
            int count = rules.view(id).involvedTeamIds().size();
            timeline.append(
                    id,
                    now,
                    IncidentEntryKinds.TEAM_INVOLVED,
                    by,
                    team.name(),
                    "Team " + team.name() + " involved; " + count + " teams, the incident is complex");
        }
        return rules.view(id);
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
}
