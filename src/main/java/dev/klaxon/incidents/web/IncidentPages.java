package dev.klaxon.incidents.web;

import dev.klaxon.classification.Classification;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.incidents.ClassificationChanges;
import dev.klaxon.incidents.Durations;
import dev.klaxon.incidents.IncidentPriorities;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentStaffing;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The incident list (live) and the incident page with its actions and timeline. */
@Controller
class IncidentPages {

    private static final int PAGE_SIZE = 50;

    private final Incidents incidents;
    private final IncidentPriorities priorities;
    private final IncidentStaffing staffing;
    private final ClassificationChanges changes;
    private final Classification classification;
    private final Services services;
    private final Teams teams;
    private final Users users;

    IncidentPages(
            Incidents incidents,
            IncidentPriorities priorities,
            IncidentStaffing staffing,
            ClassificationChanges changes,
            Classification classification,
            Services services,
            Teams teams,
            Users users) {
        this.incidents = incidents;
        this.priorities = priorities;
        this.staffing = staffing;
        this.changes = changes;
        this.classification = classification;
        this.services = services;
        this.teams = teams;
        this.users = users;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink incidentsLink() {
            return new NavigationLink("Incidents", "/incidents", 10);
        }
    }

    /** List filters as the page's form sends them; empty selects mean "any". */
    record Filters(String status, UUID serviceId, UUID teamId, String priority, String severity, String sort) {

        Filters {
            status = status == null || status.isBlank() ? "open" : status;
            priority = priority == null || priority.isBlank() ? null : priority;
            severity = severity == null || severity.isBlank() ? null : severity;
            sort = sort == null || sort.isBlank() ? "created" : sort;
        }
    }

    /** The signed-in user's id, preselected in the role assignment form. */
    @ModelAttribute("me")
    UUID me(Caller me) {
        return me == null ? null : me.userId().orElseThrow();
    }

    @GetMapping("/incidents")
    String list(Filters filters, Caller me, Model model) {
        var definition = classification.current().definition();
        model.addAttribute("services", services.list(null));
        model.addAttribute("teams", teams.list());
        model.addAttribute("priorities", definition.priorities());
        model.addAttribute("severities", definition.severities());
        model.addAttribute("filters", filters);
        addRows(filters, me, model);
        return "incidents/list";
    }

    /** The table body alone; the list page polls it so new incidents appear without a reload. */
    @GetMapping("/incidents/rows")
    String rows(Filters filters, Caller me, Model model) {
        addRows(filters, me, model);
        return "incidents/list :: rows";
    }

    /** Judgement overrides to review: priorities above the rule's and raised severities, newest first. */
    @GetMapping("/incidents/overrides")
    String overrides(Model model) {
        model.addAttribute("overrides", changes.overrides(IncidentQuery.MAX_LIMIT));
        return "incidents/overrides";
    }

    @GetMapping("/incidents/{number:\\d+}")
    String detail(@PathVariable long number, Caller me, Model model) {
        return detailPage(incidents.getByNumber(number), me, model);
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(
            @PathVariable UUID id, Caller me, @RequestParam(defaultValue = "detail") String from, Model model) {
        var incident = incidents.acknowledge(id, me);
        return afterAction(incident, from, me, model);
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable UUID id, Caller me, @RequestParam(defaultValue = "detail") String from, Model model) {
        var incident = incidents.resolve(id, me);
        return afterAction(incident, from, me, model);
    }

    @PostMapping("/incidents/{id}/notes")
    String addNote(@PathVariable UUID id, Caller me, @RequestParam String text, Model model) {
        incidents.addNote(id, me, text);
        detailPage(incidents.get(id), me, model);
        return "incidents/detail :: body";
    }

    @PostMapping("/incidents/{id}/priority")
    String changePriority(
            @PathVariable UUID id,
            Caller me,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) String reason,
            Model model) {
        return afterChange(priorities.changePriority(id, priority, reason, me), me, model);
    }

    @PostMapping("/incidents/{id}/severity")
    String changeSeverity(
            @PathVariable UUID id,
            Caller me,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String reason,
            Model model) {
        return afterChange(staffing.changeSeverity(id, severity, reason, me), me, model);
    }

    @PostMapping("/incidents/{id}/roles")
    String assignRole(
            @PathVariable UUID id,
            Caller me,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) UUID userId,
            @RequestParam(required = false) String reason,
            Model model) {
        return afterChange(staffing.assignRole(id, role, userId, reason, me), me, model);
    }

    /** The reason comes from the browser's prompt ({@code hx-prompt}) or a form field. */
    @PostMapping("/incidents/{id}/roles/unassign")
    String unassignRole(
            @PathVariable UUID id,
            Caller me,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String reason,
            @RequestHeader(value = "HX-Prompt", required = false) String prompt,
            Model model) {
        String why = reason != null && !reason.isBlank() ? reason : prompt;
        return afterChange(staffing.unassignRole(id, role, why, me), me, model);
    }

    @PostMapping("/incidents/{id}/teams")
    String involveTeam(@PathVariable UUID id, Caller me, @RequestParam(required = false) UUID teamId, Model model) {
        return afterChange(staffing.involveTeam(id, teamId, me), me, model);
    }

    private String afterChange(IncidentView incident, Caller me, Model model) {
        detailPage(incident, me, model);
        return "incidents/detail :: body";
    }

    private String afterAction(IncidentView incident, String from, Caller me, Model model) {
        if ("list".equals(from)) {
            model.addAttribute("incident", incident);
            model.addAttribute("serviceNames", serviceNames());
            model.addAttribute("respondable", incidents.respondable(List.of(incident), me));
            return "incidents/row :: row";
        }
        detailPage(incident, me, model);
        return "incidents/detail :: body";
    }

    private String detailPage(IncidentView incident, Caller me, Model model) {
        model.addAttribute("incident", incident);
        // Responders of any involved team act on the incident and classify it; the facades check the same.
        model.addAttribute("mayRespond", incidents.mayRespond(incident, me));
        model.addAttribute("mayClassify", me.canInAny(Permission.INCIDENTS_CLASSIFY, incident.involvedTeamIds()));
        model.addAttribute("service", services.find(incident.serviceId()).orElse(null));
        model.addAttribute(
                "team", teams.find(incident.teamId()).map(TeamView::name).orElse("?"));
        model.addAttribute("timeline", incidents.timeline(incident.id()));
        var version = incident.classificationVersion() == null
                ? classification.current()
                : classification.version(incident.classificationVersion());
        model.addAttribute("definition", version.definition());
        model.addAttribute("definitionVersion", version.version());
        model.addAttribute("responseTargetText", responseTargetText(incident.responseTarget()));
        model.addAttribute(
                "firstMissingRole", incident.missingRoles().stream().findFirst().orElse(null));
        model.addAttribute("users", users.list());
        var allTeams = teams.list();
        model.addAttribute("teams", allTeams);
        model.addAttribute(
                "teamNames", allTeams.stream().collect(Collectors.toMap(TeamView::id, TeamView::name, (a, b) -> a)));
        return "incidents/detail";
    }

    private static String responseTargetText(IncidentView.ResponseTarget target) {
        if (target.target() == null) {
            return "no target until a severity is set";
        }
        String text = "target " + Durations.human(target.target());
        return target.acknowledgedAfter() == null
                ? text
                : text + ", acknowledged after " + Durations.human(target.acknowledgedAfter());
    }

    private void addRows(Filters filters, Caller me, Model model) {
        var page = incidents.list(new IncidentQuery(
                statuses(filters.status()),
                filters.serviceId(),
                filters.teamId(),
                null,
                null,
                filters.priority() == null ? null : Set.of(filters.priority()),
                filters.severity() == null ? null : Set.of(filters.severity()),
                null,
                IncidentSorts.parse(filters.sort()),
                null,
                PAGE_SIZE));
        model.addAttribute("incidents", page.items());
        model.addAttribute("respondable", incidents.respondable(page.items(), me));
        model.addAttribute("more", page.nextCursor() != null);
        model.addAttribute("serviceNames", serviceNames());
    }

    /** The ids of the incidents the caller may acknowledge and resolve, for the list's buttons. */
    private Map<UUID, String> serviceNames() {
        return services.list(null).stream().collect(Collectors.toMap(ServiceView::id, ServiceView::name, (a, b) -> a));
    }

    private static Set<IncidentStatus> statuses(String filter) {
        return switch (filter) {
            case "all" -> Set.of();
            case "open" -> EnumSet.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED);
            default -> EnumSet.of(parse(filter));
        };
    }

    private static IncidentStatus parse(String filter) {
        try {
            return IncidentStatus.valueOf(filter.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "must be open, all, triggered, acknowledged or resolved");
        }
    }
}
