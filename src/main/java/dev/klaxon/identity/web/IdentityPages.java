package dev.klaxon.identity.web;

import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.ApiTokens;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.OrganisationRole;
import dev.klaxon.identity.TeamRole;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.UserChanges;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Teams and their members, users, a person's page and personal API tokens. */
@Controller
class IdentityPages {

    private final Teams teams;
    private final Users users;
    private final ApiTokens tokens;

    IdentityPages(Teams teams, Users users, ApiTokens tokens) {
        this.teams = teams;
        this.users = users;
        this.tokens = tokens;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationLink teamsLink() {
            return new NavigationLink("Teams", "/teams", 30);
        }

        @Bean
        NavigationLink usersLink() {
            return new NavigationLink("Users", "/users", 40);
        }

        @Bean
        NavigationLink tokensLink() {
            return new NavigationLink("API tokens", "/tokens", 50);
        }
    }

    record TeamForm(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description) {}

    record MemberForm(@NotNull UUID userId, @NotBlank String role) {}

    record RoleForm(@NotBlank String role) {}

    record UserForm(
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._@+-]+", message = "may contain letters, digits and . _ @ + - only")
            String username,

            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,

            @NotBlank @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            String role) {}

    record ProfileForm(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            String role) {}

    record PasswordForm(String currentPassword, @NotBlank String newPassword) {}

    record TokenForm(@NotBlank @Size(max = 100) String name, boolean readOnly) {}

    @GetMapping("/teams")
    String teams(Model model) {
        model.addAttribute("teams", teams.list());
        return "identity/teams";
    }

    @PostMapping("/teams")
    String createTeam(@Valid TeamForm form, Caller caller) {
        var team = teams.create(form.name(), blankToNull(form.description()), caller);
        return "redirect:/teams/" + team.id();
    }

    @GetMapping("/teams/{id}")
    String team(@PathVariable UUID id, Model model) {
        var members = teams.members(id);
        Set<UUID> memberIds = members.stream().map(m -> m.userId()).collect(Collectors.toSet());
        model.addAttribute("team", teams.get(id));
        model.addAttribute("members", members);
        model.addAttribute(
                "candidates",
                users.list().stream()
                        .filter(u -> u.active() && u.role() != OrganisationRole.VIEWER && !memberIds.contains(u.id()))
                        .toList());
        model.addAttribute("teamRoles", TeamRole.values());
        return "identity/team";
    }

    @PostMapping("/teams/{id}/members")
    String addMember(@PathVariable UUID id, @Valid MemberForm form, Caller caller) {
        teams.addMember(id, form.userId(), TeamRole.parse(form.role(), "role"), caller);
        return "redirect:/teams/" + id;
    }

    @PostMapping("/teams/{id}/members/{userId}/role")
    String changeMemberRole(@PathVariable UUID id, @PathVariable UUID userId, @Valid RoleForm form, Caller caller) {
        teams.changeRole(id, userId, TeamRole.parse(form.role(), "role"), caller);
        return "redirect:/teams/" + id;
    }

    @PostMapping("/teams/{id}/members/{userId}/remove")
    String removeMember(@PathVariable UUID id, @PathVariable UUID userId, Caller caller) {
        teams.removeMember(id, userId, caller);
        return "redirect:/teams/" + id;
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", OrganisationRole.values());
        return "identity/users";
    }

    @PostMapping("/admin/users")
    String createUser(@Valid UserForm form, Caller caller) {
        OrganisationRole role =
                form.role() == null ? OrganisationRole.MEMBER : OrganisationRole.parse(form.role(), "role");
        var user = users.create(form.username(), form.name(), blankToNull(form.email()), form.password(), role, caller);
        return "redirect:/users/" + user.id();
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable UUID id, Model model) {
        model.addAttribute("person", users.get(id));
        model.addAttribute("memberships", teams.membershipsOf(id));
        model.addAttribute("roles", OrganisationRole.values());
        return "identity/user";
    }

    @PostMapping("/users/{id}")
    String updateUser(@PathVariable UUID id, @Valid ProfileForm form, Caller caller, RedirectAttributes redirect) {
        UserView current = users.get(id);
        OrganisationRole role = form.role() == null ? null : OrganisationRole.parse(form.role(), "role");
        var update = users.update(
                id,
                new UserChanges(
                        form.name(),
                        form.email() == null ? "" : form.email(),
                        role == current.role() ? null : role,
                        null),
                caller);
        redirect.addFlashAttribute("warnings", update.warnings());
        return "redirect:/users/" + id;
    }

    @PostMapping("/users/{id}/active")
    String setActive(@PathVariable UUID id, boolean active, Caller caller, RedirectAttributes redirect) {
        var update = users.update(id, new UserChanges(null, null, null, active), caller);
        redirect.addFlashAttribute("warnings", update.warnings());
        redirect.addFlashAttribute(
                "saved", active ? "Reactivated." : "Deactivated: they can no longer sign in or be paged.");
        return "redirect:/users/" + id;
    }

    @PostMapping("/users/{id}/password")
    String setPassword(@PathVariable UUID id, @Valid PasswordForm form, Caller caller, RedirectAttributes redirect) {
        if (caller.isUser(id)) {
            users.changeOwnPassword(form.currentPassword(), form.newPassword(), caller);
        } else {
            users.resetPassword(id, form.newPassword(), caller);
        }
        redirect.addFlashAttribute("saved", "Password changed.");
        return "redirect:/users/" + id;
    }

    @GetMapping("/tokens")
    String tokens(Caller caller, Model model) {
        model.addAttribute("tokens", tokens.list(caller.userId().orElseThrow()));
        return "identity/tokens";
    }

    /** Renders the page directly (no redirect) so the secret is shown once and never stored in the session. */
    @PostMapping("/tokens")
    String createToken(@Valid TokenForm form, Caller caller, Model model) {
        model.addAttribute("created", tokens.create(form.name(), form.readOnly(), caller));
        return tokens(caller, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(@PathVariable UUID id, Caller caller) {
        tokens.revoke(id, caller);
        return "redirect:/tokens";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
