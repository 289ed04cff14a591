package dev.klaxon.services.web;

import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.services.IntegrationType;
import dev.klaxon.services.Integrations;
import dev.klaxon.services.ServiceView;
import dev.klaxon.services.Services;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Services, and the integrations that let monitoring tools reach them. */
@Controller
class ServicePages {

    private final Services services;
    private final Integrations integrations;
    private final Teams teams;

    ServicePages(Services services, Integrations integrations, Teams teams) {
        this.services = services;
        this.integrations = integrations;
        this.teams = teams;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink servicesLink() {
            return new NavigationLink("Services", "/services", 20);
        }
    }

    record ServiceForm(
            @NotNull UUID teamId,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description) {}

    record IntegrationForm(
            @NotBlank String type,
            @Size(max = 100) String name,
            @Min(1) Integer rateLimitPerMinute) {}

    @GetMapping("/services")
    String list(@RequestParam(required = false) UUID teamId, Caller caller, Model model) {
        var allTeams = teams.list();
        model.addAttribute("services", services.list(teamId));
        model.addAttribute("teams", allTeams);
        // The new-service form offers only the teams whose services the caller may create.
        model.addAttribute(
                "manageableTeams",
                allTeams.stream()
                        .filter(team -> caller.can(Permission.SERVICES_MANAGE, team.id()))
                        .toList());
        model.addAttribute("teamNames", teamNames());
        model.addAttribute("teamId", teamId);
        return "services/list";
    }

    @PostMapping("/services")
    String create(@Valid ServiceForm form, Caller caller) {
        ServiceView service = services.create(
                form.teamId(),
                form.name(),
                form.description() == null || form.description().isBlank() ? null : form.description(),
                true,
                caller);
        return "redirect:/services/" + service.id();
    }

    @GetMapping("/services/{id}")
    String detail(@PathVariable UUID id, Model model) {
        ServiceView service = services.get(id);
        model.addAttribute("service", service);
        model.addAttribute(
                "team", teams.find(service.teamId()).map(TeamView::name).orElse("?"));
        model.addAttribute("integrations", integrations.list(id));
        return "services/detail";
    }

    @PostMapping("/services/{id}/auto-resolve")
    String setAutoResolve(@PathVariable UUID id, @RequestParam boolean autoResolve, Caller caller) {
        services.update(id, null, null, autoResolve, null, caller);
        return "redirect:/services/" + id;
    }

    /** Renders the page directly so the routing key is shown once and never kept in the session. */
    @PostMapping("/services/{id}/integrations")
    String createIntegration(@PathVariable UUID id, @Valid IntegrationForm form, Caller caller, Model model) {
        IntegrationType type;
        try {
            type = IntegrationType.fromWire(form.type());
        } catch (IllegalArgumentException e) {
            throw dev.klaxon.common.InvalidInputException.of("type", e.getMessage());
        }
        model.addAttribute("created", integrations.create(id, type, form.name(), form.rateLimitPerMinute(), caller));
        return detail(id, model);
    }

    @PostMapping("/integrations/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, Caller caller) {
        var integration = integrations.setEnabled(id, enabled, caller);
        return "redirect:/services/" + integration.serviceId();
    }

    private Map<UUID, String> teamNames() {
        return teams.list().stream().collect(Collectors.toMap(TeamView::id, TeamView::name));
    }
}
