package dev.klaxon.incidents.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.incidents.IncidentQuery;
import dev.klaxon.incidents.IncidentStatus;
import dev.klaxon.incidents.IncidentView;
import dev.klaxon.incidents.Incidents;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The incident list (live) and the incident page with its actions and timeline. */
@Controller
class IncidentPages {

    private static final int PAGE_SIZE = 50;

    private final Incidents incidents;
    private final Services services;
    private final Teams teams;

    IncidentPages(Incidents incidents, Services services, Teams teams) {
        this.incidents = incidents;
        this.services = services;
        this.teams = teams;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink incidentsLink() {
            return new NavigationLink("Incidents", "/incidents", 10);
        }
    }

    @GetMapping("/incidents")
    String list(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) UUID teamId,
            Model model) {
        model.addAttribute("services", services.list(null));
        model.addAttribute("teams", teams.list());
        model.addAttribute("status", status);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("teamId", teamId);
        addRows(status, serviceId, teamId, model);
        return "incidents/list";
    }

    /** The table body alone; the list page polls it so new incidents appear without a reload. */
    @GetMapping("/incidents/rows")
    String rows(
            @RequestParam(defaultValue = "open") String status,
            @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) UUID teamId,
            Model model) {
        addRows(status, serviceId, teamId, model);
        return "incidents/list :: rows";
    }

    @GetMapping("/incidents/{number:\\d+}")
    String detail(@PathVariable long number, Model model) {
        return detailPage(incidents.getByNumber(number), model);
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(
            @PathVariable UUID id,
            @AuthenticationPrincipal KlaxonUser me,
            @RequestParam(defaultValue = "detail") String from,
            Model model) {
        var incident = incidents.acknowledge(id, me.actor());
        return afterAction(incident, from, model);
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(
            @PathVariable UUID id,
            @AuthenticationPrincipal KlaxonUser me,
            @RequestParam(defaultValue = "detail") String from,
            Model model) {
        var incident = incidents.resolve(id, me.actor());
        return afterAction(incident, from, model);
    }

    @PostMapping("/incidents/{id}/notes")
    String addNote(
            @PathVariable UUID id, @AuthenticationPrincipal KlaxonUser me, @RequestParam String text, Model model) {
        incidents.addNote(id, me.actor(), text);
        detailPage(incidents.get(id), model);
        return "incidents/detail :: body";
    }

    private String afterAction(IncidentView incident, String from, Model model) {
        if ("list".equals(from)) {
            model.addAttribute("incident", incident);
            model.addAttribute("serviceNames", serviceNames());
            return "incidents/row :: row";
        }
        detailPage(incident, model);
        return "incidents/detail :: body";
    }

    private String detailPage(IncidentView incident, Model model) {
        model.addAttribute("incident", incident);
        model.addAttribute("service", services.find(incident.serviceId()).orElse(null));
        model.addAttribute(
                "team", teams.find(incident.teamId()).map(TeamView::name).orElse("?"));
        model.addAttribute("timeline", incidents.timeline(incident.id()));
        return "incidents/detail";
    }

    private void addRows(String status, UUID serviceId, UUID teamId, Model model) {
        var page = incidents.list(IncidentQuery.of(statuses(status), serviceId, teamId, null, null, PAGE_SIZE));
        model.addAttribute("incidents", page.items());
        model.addAttribute("more", page.nextCursor() != null);
        model.addAttribute("serviceNames", serviceNames());
    }

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
