package dev.klaxon.identity.web;

import dev.klaxon.common.NavigationLink;
import dev.klaxon.identity.ApiTokens;
import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Teams, users and personal API tokens. */
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

    record UserForm(
            @NotBlank
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._@+-]+", message = "may contain letters, digits and . _ @ + - only")
            String username,

            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,

            @NotBlank @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            boolean admin) {}

    record TokenForm(@NotBlank @Size(max = 100) String name) {}

    @GetMapping("/teams")
    String teams(Model model) {
        model.addAttribute("teams", teams.list());
        return "identity/teams";
    }

    @PostMapping("/teams")
    String createTeam(@Valid TeamForm form) {
        teams.create(form.name(), blankToNull(form.description()));
        return "redirect:/teams";
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.list());
        return "identity/users";
    }

    @PostMapping("/admin/users")
    String createUser(@Valid UserForm form) {
        users.create(form.username(), form.name(), blankToNull(form.email()), form.password(), form.admin());
        return "redirect:/users";
    }

    @GetMapping("/tokens")
    String tokens(@AuthenticationPrincipal KlaxonUser me, Model model) {
        model.addAttribute("tokens", tokens.list(me.id()));
        return "identity/tokens";
    }

    /** Renders the page directly (no redirect) so the secret is shown once and never stored in the session. */
    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal KlaxonUser me, @Valid TokenForm form, Model model) {
        model.addAttribute("created", tokens.create(me.id(), form.name()));
        return tokens(me, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal KlaxonUser me, @PathVariable UUID id) {
        tokens.revoke(me.id(), id);
        return "redirect:/tokens";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
