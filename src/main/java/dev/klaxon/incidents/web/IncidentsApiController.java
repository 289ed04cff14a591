package dev.klaxon.incidents.web;

import dev.klaxon.identity.Caller;
import dev.klaxon.incidents.ClassificationChangeView;
import dev.klaxon.incidents.ClassificationChanges;
import dev.klaxon.incidents.IncidentPage;
import dev.klaxon.incidents.IncidentPriorities;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentSort;
import dev.klaxon.incidents.IncidentStaffing;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.timeline.TimelineEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents")
class IncidentsApiController {

    private final Incidents incidents;
    private final IncidentPriorities priorities;
    private final IncidentStaffing staffing;
    private final ClassificationChanges changes;

    IncidentsApiController(
            Incidents incidents,
            IncidentPriorities priorities,
            IncidentStaffing staffing,
            ClassificationChanges changes) {
        this.incidents = incidents;
        this.priorities = priorities;
        this.staffing = staffing;
        this.changes = changes;
    }

    record NewNote(
            @NotBlank @Size(max = Incidents.MAX_NOTE_LENGTH) String text) {}

    /** Checked by {@link IncidentPriorities} and {@link IncidentStaffing}, which names the allowed values in its errors. */
    record PriorityChange(String priority, String reason) {}

    record SeverityChange(String severity, String reason) {}

    record RoleAssignment(String role, UUID userId, String reason) {}

    record TeamInvolvement(UUID teamId) {}

    /**
     * Newest first unless {@code sort} says otherwise. {@code status}, {@code priority} and {@code severity}
     * may repeat; {@code cursor} is the {@code nextCursor} of the previous page (with the same sort).
     */
    @GetMapping
    IncidentPage list(
            @RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) Instant createdSince,
            @RequestParam(required = false) Instant createdUntil,
            @RequestParam(required = false) Set<String> priority,
            @RequestParam(required = false) Set<String> severity,
            @RequestParam(required = false) Boolean targetBreached,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(IncidentQuery.MAX_LIMIT) int limit) {
        IncidentSort order = IncidentSorts.parse(sort);
        var after = cursor == null || cursor.isBlank() ? null : Incidents.decodeCursor(cursor, order);
        return incidents.list(new IncidentQuery(
                status,
                serviceId,
                teamId,
                createdSince,
                createdUntil,
                priority,
                severity,
                targetBreached,
                order,
                after,
                limit));
    }

    /** Judgement overrides (priority above the rule's, severity raised), newest first, for review. */
    @GetMapping("/overrides")
    List<ClassificationChangeView> overrides(
            @RequestParam(defaultValue = "100") @Min(1) @Max(IncidentQuery.MAX_LIMIT) int limit) {
        return changes.overrides(limit);
    }

    @GetMapping("/{id}/classification-changes")
    List<ClassificationChangeView> classificationChanges(@PathVariable UUID id) {
        return changes.ofIncident(id);
    }

    @PostMapping("/{id}/priority")
    IncidentView changePriority(@PathVariable UUID id, Caller me, @RequestBody PriorityChange body) {
        return priorities.changePriority(id, body.priority(), body.reason(), me);
    }

    @PostMapping("/{id}/severity")
    IncidentView changeSeverity(@PathVariable UUID id, Caller me, @RequestBody SeverityChange body) {
        return staffing.changeSeverity(id, body.severity(), body.reason(), me);
    }

    /** Assigns a role, or hands it over from its holder. */
    @PostMapping("/{id}/roles")
    IncidentView assignRole(@PathVariable UUID id, Caller me, @RequestBody RoleAssignment body) {
        return staffing.assignRole(id, body.role(), body.userId(), body.reason(), me);
    }

    /** Unassigns a role; the reason is a query parameter ({@code ?reason=...}) and required. */
    @DeleteMapping("/{id}/roles/{role}")
    IncidentView unassignRole(
            @PathVariable UUID id,
            @PathVariable String role,
            @RequestParam(required = false) String reason,
            Caller me) {
        return staffing.unassignRole(id, role, reason, me);
    }

    @PostMapping("/{id}/teams")
    IncidentView involveTeam(@PathVariable UUID id, Caller me, @RequestBody TeamInvolvement body) {
        return staffing.involveTeam(id, body.teamId(), me);
    }

    @GetMapping("/{id}")
    IncidentView get(@PathVariable UUID id) {
        return incidents.get(id);
    }

    @GetMapping("/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable UUID id) {
        return incidents.timeline(id);
    }

    @PostMapping("/{id}/acknowledge")
    IncidentView acknowledge(@PathVariable UUID id, Caller me) {
        return incidents.acknowledge(id, me);
    }

    @PostMapping("/{id}/resolve")
    IncidentView resolve(@PathVariable UUID id, Caller me) {
        return incidents.resolve(id, me);
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    TimelineEntry addNote(@PathVariable UUID id, Caller me, @Valid @RequestBody NewNote body) {
        return incidents.addNote(id, me, body.text());
    }
}
