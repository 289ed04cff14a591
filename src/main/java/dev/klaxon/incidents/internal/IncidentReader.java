package dev.klaxon.incidents.internal;

import dev.klaxon.classification.Classification;
import dev.klaxon.classification.ClassificationDefinition;
import dev.klaxon.classification.ClassificationVersion;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.IncidentView.RoleView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns stored rows into the views people read: steps, roles (required or not), teams, response target. */
@Component
public class IncidentReader {

    private final IncidentStore incidents;
    private final RoleStore roles;
    private final InvolvedTeamStore teams;
    private final Classification classification;
    private final Clock clock;

    IncidentReader(
            IncidentStore incidents,
            RoleStore roles,
            InvolvedTeamStore teams,
            Classification classification,
            Clock clock) {
        this.incidents = incidents;
        this.roles = roles;
        this.teams = teams;
        this.classification = classification;
        this.clock = clock;
    }

    public Optional<IncidentView> find(UUID id) {
        return incidents.find(id).map(row -> views(List.of(row)).get(0));
    }

    public Optional<IncidentView> findByNumber(long number) {
        return incidents.findByNumber(number).map(row -> views(List.of(row)).get(0));
    }

    public ClassificationVersion currentVersion() {
        return classification.current();
    }

    public ClassificationVersion version(int version) {
        return classification.version(version);
    }

    /** The version whose rules apply to the incident: the one it was classified under, else the current one. */
    public ClassificationVersion versionOf(IncidentRow row) {
        return row.classificationVersion() == null
                ? currentVersion()
                : classification.version(row.classificationVersion());
    }

    public List<IncidentView> views(List<IncidentRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(IncidentRow::id).toList();
        var steps = incidents.steps(rows);
        var holders = roles.byIncident(ids);
        var involved = teams.byIncident(ids);
        Map<Integer, ClassificationDefinition> definitions = new HashMap<>();
        Instant now = clock.instant();
        List<IncidentView> views = new ArrayList<>(rows.size());
        for (IncidentRow row : rows) {
            List<String> required = List.of();
            if (row.severity() != null && row.classificationVersion() != null) {
                var definition = definitions.computeIfAbsent(
                        row.classificationVersion(),
                        v -> classification.version(v).definition());
                var severity = definition.severity(row.severity());
                required = severity == null ? List.of() : severity.requiredRoles();
            }
            Set<UUID> teamIds = new LinkedHashSet<>();
            teamIds.add(row.teamId());
            teamIds.addAll(involved.getOrDefault(row.id(), List.of()));
            Duration target =
                    row.responseDueAt() == null ? null : Duration.between(row.createdAt(), row.responseDueAt());
            views.add(new IncidentView(
                    row.id(),
                    row.number(),
                    row.title(),
                    row.status(),
                    row.serviceId(),
                    row.teamId(),
                    row.severityHint(),
                    row.alertCount(),
                    row.openAlertCount(),
                    row.createdAt(),
                    row.acknowledgedAt(),
                    row.acknowledgedBy(),
                    row.resolvedAt(),
                    row.resolvedBy(),
                    steps.getOrDefault(row.id(), List.of()),
                    row.priority(),
                    row.rulePriority(),
                    row.severity(),
                    row.classificationVersion(),
                    roleViews(required, holders.getOrDefault(row.id(), List.of())),
                    List.copyOf(teamIds),
                    teamIds.size() > 1,
                    ResponseTargets.of(
                            target,
                            row.createdAt(),
                            row.acknowledgedAt(),
                            row.resolvedAt(),
                            row.responseTargetBreached(),
                            now)));
        }
        return views;
    }

    /** The required roles in the severity's order, filled or not, then every other role someone holds. */
    static List<RoleView> roleViews(List<String> required, List<RoleStore.Holder> holders) {
        Map<String, RoleStore.Holder> byRole = new HashMap<>();
        holders.forEach(h -> byRole.put(h.role(), h));
        List<RoleView> views = new ArrayList<>();
        for (String role : required) {
            var h = byRole.get(role);
            views.add(
                    h == null
                            ? new RoleView(role, true, null, null, null, null)
                            : new RoleView(role, true, h.userId(), h.userName(), h.assignedAt(), h.assignedBy()));
        }
        for (var h : holders) {
            if (!required.contains(h.role())) {
                views.add(new RoleView(h.role(), false, h.userId(), h.userName(), h.assignedAt(), h.assignedBy()));
            }
        }
        return List.copyOf(views);
    }
}
