package dev.klaxon.identity.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.ApiTokenView;
import dev.klaxon.identity.ApiTokens;
import dev.klaxon.identity.CreatedApiToken;
import dev.klaxon.identity.KlaxonUser;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class IdentityApiController {

    private final Teams teams;
    private final Users users;
    private final ApiTokens tokens;

    IdentityApiController(Teams teams, Users users, ApiTokens tokens) {
        this.teams = teams;
        this.users = users;
        this.tokens = tokens;
    }

    record NewTeam(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description) {}

    record NewUser(
            @Size(max = 64)
            @Pattern(regexp = "[A-Za-z0-9._@+-]+", message = "may contain letters, digits and . _ @ + - only")
            String username,

            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,

            @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            Boolean admin) {}

    record NewToken(@NotBlank @Size(max = 100) String name) {}

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    TeamView createTeam(@Valid @RequestBody NewTeam body) {
        return teams.create(body.name(), body.description());
    }

    @GetMapping("/teams")
    List<TeamView> listTeams() {
        return teams.list();
    }

    @GetMapping("/teams/{id}")
    TeamView team(@PathVariable UUID id) {
        return teams.get(id);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView createUser(@Valid @RequestBody NewUser body) {
        // People who are only paged are often created with a name and an e-mail address alone.
        String username = body.username() != null ? body.username() : body.email();
        if (username == null) {
            throw InvalidInputException.of("username", "is required when no email is given");
        }
        return users.create(username, body.name(), body.email(), body.password(), Boolean.TRUE.equals(body.admin()));
    }

    @GetMapping("/users")
    List<UserView> listUsers() {
        return users.list();
    }

    @GetMapping("/users/{id}")
    UserView user(@PathVariable UUID id) {
        return users.get(id);
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal KlaxonUser me) {
        return users.get(me.id());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApiToken createToken(@AuthenticationPrincipal KlaxonUser me, @Valid @RequestBody NewToken body) {
        return tokens.create(me.id(), body.name());
    }

    @GetMapping("/tokens")
    List<ApiTokenView> listTokens(@AuthenticationPrincipal KlaxonUser me) {
        return tokens.list(me.id());
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal KlaxonUser me, @PathVariable UUID id) {
        tokens.revoke(me.id(), id);
    }
}
