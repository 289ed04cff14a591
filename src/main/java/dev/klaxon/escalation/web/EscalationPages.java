package dev.klaxon.escalation.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.NavigationLink;
import dev.klaxon.escalation.EscalationLevel;
import dev.klaxon.escalation.EscalationPolicies;
import dev.klaxon.escalation.EscalationPolicy;
import dev.klaxon.escalation.EscalationPolicySpec;
import dev.klaxon.escalation.EscalationTarget;
import dev.klaxon.escalation.Escalations;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.OnCall;
import dev.klaxon.services.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Escalation policies (list, create, edit, delete), the policy section of a service page, and the escalation
 * section of an incident page.
 */
@Controller
class EscalationPages {

    /** Levels the form offers; the API allows up to {@link EscalationPolicies#MAX_LEVELS}. */
    static final int FORM_LEVELS = 5;

    private final EscalationPolicies policies;
    private final Escalations escalations;
    private final Services services;
    private final Users users;
    private final OnCall onCall;
    private final Teams teams;

    EscalationPages(
            EscalationPolicies policies,
            Escalations escalations,
            Services services,
            Users users,
            OnCall onCall,
            Teams teams) {
        this.policies = policies;
        this.escalations = escalations;
        this.services = services;
        this.users = users;
        this.onCall = onCall;
        this.teams = teams;
    }

    @GetMapping("/escalation-policies")
    String list(Caller caller, Model model) {
        model.addAttribute("policies", policies.list());
        model.addAttribute("mayCreatePolicy", mayCreatePolicy(caller, ownerTeams(caller)));
        return "escalation/list";
    }

    @GetMapping("/escalation-policies/new")
    String newPolicy(Caller caller, Model model) {
        return form(model, null, caller);
    }

    @GetMapping("/escalation-policies/{id}")
    String edit(@PathVariable UUID id, Caller caller, Model model) {
        return form(model, policies.get(id), caller);
    }

    @PostMapping("/escalation-policies")
    String create(@RequestParam MultiValueMap<String, String> form, Caller caller) {
        EscalationPolicy created = policies.create(spec(form), caller);
        return "redirect:/escalation-policies/" + created.id();
    }

    @PostMapping("/escalation-policies/{id}")
    String replace(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Caller caller) {
        policies.replace(id, spec(form), caller);
        return "redirect:/escalation-policies/" + id;
    }

    @PostMapping("/escalation-policies/{id}/delete")
    String delete(@PathVariable UUID id, Caller caller) {
        policies.delete(id, caller);
        return "redirect:/escalation-policies";
    }

    @GetMapping("/services/{serviceId}/escalation")
    String serviceSection(@PathVariable UUID serviceId, Model model) {
        var service = services.get(serviceId);
        model.addAttribute("service", service);
        model.addAttribute(
                "policies",
                policies.list().stream()
                        .filter(p -> p.teamId() == null || p.teamId().equals(service.teamId()))
                        .toList());
        model.addAttribute(
                "current",
                service.escalationPolicyId() == null
                        ? policies.defaultPolicy()
                        : policies.get(service.escalationPolicyId()));
        return "escalation/service :: section";
    }

    @PostMapping("/services/{serviceId}/escalation")
    String setServicePolicy(@PathVariable UUID serviceId, @RequestParam UUID policyId, Caller caller, Model model) {
        services.update(serviceId, null, null, null, policyId, caller);
        return serviceSection(serviceId, model);
    }

    @GetMapping("/incidents/{incidentId}/escalation")
    String incidentSection(@PathVariable UUID incidentId, Model model) {
        model.addAttribute("escalation", escalations.find(incidentId).orElse(null));
        return "escalation/incident :: section";
    }

    private String form(Model model, EscalationPolicy policy, Caller caller) {
        Set<UUID> ownerTeams = ownerTeams(caller);
        model.addAttribute("policy", policy);
        model.addAttribute("levels", FormLevel.of(policy));
        model.addAttribute("users", users.list());
        model.addAttribute("teams", teams.list());
        model.addAttribute("ownerTeamIds", ownerTeams);
        model.addAttribute("mayCreatePolicy", mayCreatePolicy(caller, ownerTeams));
        model.addAttribute(
                "mayEdit",
                policy == null
                        ? mayCreatePolicy(caller, ownerTeams)
                        : caller.can(Permission.ESCALATION_MANAGE, policy.teamId()));
        model.addAttribute("rotations", onCall.rotations(null, null));
        model.addAttribute("usedBy", policy == null ? List.of() : services.usingPolicy(policy.id()));
        return "escalation/form";
    }

    /** The teams the caller may own policies for: the teams in which they hold escalation.manage. */
    private Set<UUID> ownerTeams(Caller caller) {
        return teams.list().stream()
                .map(TeamView::id)
                .filter(team -> caller.can(Permission.ESCALATION_MANAGE, team))
                .collect(Collectors.toSet());
    }

    /** Organisation-wide policies are the administrators'; a team's managers make policies for their team. */
    private static boolean mayCreatePolicy(Caller caller, Set<UUID> ownerTeams) {
        return caller.can(Permission.ESCALATION_MANAGE) || !ownerTeams.isEmpty();
    }

    /** One level as the form shows it: the timeout in minutes, chosen users and rotations, roles as text. */
    record FormLevel(int number, Long timeoutMinutes, List<UUID> users, List<UUID> rotations, String roles) {

        static List<FormLevel> of(EscalationPolicy policy) {
            List<FormLevel> levels = new ArrayList<>();
            for (int i = 0; i < FORM_LEVELS; i++) {
                if (policy != null && i < policy.levels().size()) {
                    EscalationLevel level = policy.levels().get(i);
                    levels.add(new FormLevel(
                            i + 1,
                            level.timeout().toMinutes(),
                            ids(level, EscalationTarget.Type.USER),
                            ids(level, EscalationTarget.Type.ROTATION),
                            String.join(
                                    ", ",
                                    level.targets().stream()
                                            .filter(t -> t.type() == EscalationTarget.Type.ROLE)
                                            .map(EscalationTarget::role)
                                            .toList())));
                } else {
                    levels.add(new FormLevel(i + 1, null, List.of(), List.of(), ""));
                }
            }
            return levels;
        }

        private static List<UUID> ids(EscalationLevel level, EscalationTarget.Type type) {
            return level.targets().stream()
                    .filter(t -> t.type() == type)
                    .map(EscalationTarget::id)
                    .toList();
        }
    }

    /** Reads the form; levels left entirely empty are dropped, a level with targets but no timeout is an error. */
    static EscalationPolicySpec spec(MultiValueMap<String, String> form) {
        List<EscalationLevel> levels = new ArrayList<>();
        for (int i = 1; i <= FORM_LEVELS; i++) {
            List<EscalationTarget> targets = new ArrayList<>();
            for (String id : values(form, "level" + i + ".users")) {
                targets.add(EscalationTarget.user(uuid(id, "level" + i + ".users")));
            }
            for (String id : values(form, "level" + i + ".rotations")) {
                targets.add(EscalationTarget.rotation(uuid(id, "level" + i + ".rotations")));
            }
            String roles = form.getFirst("level" + i + ".roles");
            if (roles != null) {
                Arrays.stream(roles.split(","))
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .forEach(role -> targets.add(EscalationTarget.role(null, role)));
            }
            String timeout = form.getFirst("level" + i + ".timeout");
            boolean noTimeout = timeout == null || timeout.isBlank();
            if (targets.isEmpty() && noTimeout) {
                continue;
            }
            levels.add(new EscalationLevel(
                    noTimeout ? null : Duration.ofMinutes(number(timeout, "level" + i + ".timeout")), targets));
        }
        String repeat = form.getFirst("repeat");
        String renotify = form.getFirst("renotifyMinutes");
        String teamId = form.getFirst("teamId");
        return new EscalationPolicySpec(
                teamId == null || teamId.isBlank() ? null : uuid(teamId, "teamId"),
                form.getFirst("name"),
                form.getFirst("description"),
                repeat == null || repeat.isBlank() ? 0 : (int) number(repeat, "repeat"),
                renotify == null || renotify.isBlank() ? null : Duration.ofMinutes(number(renotify, "renotifyMinutes")),
                levels);
    }

    private static List<String> values(MultiValueMap<String, String> form, String key) {
        List<String> values = form.get(key);
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "'" + text + "' is not an id");
        }
    }

    private static long number(String text, String field) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "must be a whole number");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        NavigationLink escalationPoliciesLink() {
            return new NavigationLink("Escalation", "/escalation-policies", 27);
        }
    }
}
