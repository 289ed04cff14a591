package dev.klaxon.incidents.web;

import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.incidents.IncidentPage;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.incidents.TimelineEntryView;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

    IncidentsApiController(Incidents incidents) {
        this.incidents = incidents;
    }

    record NewNote(
            @NotBlank @Size(max = Incidents.MAX_NOTE_LENGTH) String text) {}

    /** Newest first. {@code status} may repeat; {@code cursor} is the {@code nextCursor} of the previous page. */
    @GetMapping
    IncidentPage list(
            @RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) Instant createdSince,
            @RequestParam(required = false) Instant createdUntil,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(IncidentQuery.MAX_LIMIT) int limit) {
        Long before = cursor == null || cursor.isBlank() ? null : Incidents.decodeCursor(cursor);
        return incidents.list(new IncidentQuery(status, serviceId, teamId, createdSince, createdUntil, before, limit));
    }

    @GetMapping("/{id}")
    IncidentView get(@PathVariable UUID id) {
        return incidents.get(id);
    }

    @GetMapping("/{id}/timeline")
    List<TimelineEntryView> timeline(@PathVariable UUID id) {
        return incidents.timeline(id);
    }

    @PostMapping("/{id}/acknowledge")
    IncidentView acknowledge(@PathVariable UUID id, @AuthenticationPrincipal KlaxonUser me) {
        return incidents.acknowledge(id, me.actor());
    }

    @PostMapping("/{id}/resolve")
    IncidentView resolve(@PathVariable UUID id, @AuthenticationPrincipal KlaxonUser me) {
        return incidents.resolve(id, me.actor());
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    TimelineEntryView addNote(
            @PathVariable UUID id, @AuthenticationPrincipal KlaxonUser me, @Valid @RequestBody NewNote body) {
        return incidents.addNote(id, me.actor(), body.text());
    }
}
