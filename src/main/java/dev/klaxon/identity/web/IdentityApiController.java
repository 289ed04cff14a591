package dev.klaxon.identity.web;

import dev.klaxon.common.InvalidInputException;
import dev.klaxon.identity.ApiTokenView;
import dev.klaxon.identity.ApiTokens;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.CreatedApiToken;
import dev.klaxon.identity.OrganisationRole;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.TeamMemberView;
import dev.klaxon.identity.TeamRole;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.UserChanges;
import dev.klaxon.identity.UserUpdate;
import dev.klaxon.identity.UserView;
import dev.klaxon.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

            String role,
            /** Before organisation roles: {@code "admin": true} still means the role admin. */
            Boolean admin) {}

    record UserPatch(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String name,

            @Email @Size(max = 320) String email,
            String role,
            Boolean active) {}

    record UserChangeResult(
            UUID id,
            String username,
            String name,
            String email,
            OrganisationRole role,
            boolean active,
            Instant createdAt,
            List<String> warnings) {

        static UserChangeResult of(UserUpdate update) {
            UserView u = update.user();
            return new UserChangeResult(
                    u.id(), u.username(), u.name(), u.email(), u.role(), u.active(), u.createdAt(), update.warnings());
        }
    }

    record NewPassword(@NotNull String newPassword) {}

    record PasswordChange(
            @NotNull String currentPassword, @NotNull String newPassword) {}

    record NewMember(@NotNull UUID userId, @NotNull String role) {}

    record MemberRole(@NotNull String role) {}

    record NewToken(@NotBlank @Size(max = 100) String name, Boolean readOnly) {}

    record TeamPermissions(UUID teamId, String teamName, TeamRole role, Set<Permission> permissions) {}

    record Me(
            UUID id,
            String username,
            String name,
            String email,
            OrganisationRole role,
            List<TeamPermissions> teams,
            Set<Permission> permissions,
            boolean readOnly) {}

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    TeamView createTeam(@Valid @RequestBody NewTeam body, Caller caller) {
        return teams.create(body.name(), body.description(), caller);
    }

    @GetMapping("/teams")
    List<TeamView> listTeams() {
        return teams.list();
    }

    @GetMapping("/teams/{id}")
    TeamView team(@PathVariable UUID id) {
        return teams.get(id);
    }

    @GetMapping("/teams/{id}/members")
    List<TeamMemberView> members(@PathVariable UUID id) {
        return teams.members(id);
    }

    @PostMapping("/teams/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    TeamMemberView addMember(@PathVariable UUID id, @Valid @RequestBody NewMember body, Caller caller) {
        return teams.addMember(id, body.userId(), TeamRole.parse(body.role(), "role"), caller);
    }

    @PutMapping("/teams/{id}/members/{userId}")
    TeamMemberView changeMemberRole(
            @PathVariable UUID id, @PathVariable UUID userId, @Valid @RequestBody MemberRole body, Caller caller) {
        return teams.changeRole(id, userId, TeamRole.parse(body.role(), "role"), caller);
    }

    @DeleteMapping("/teams/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable UUID id, @PathVariable UUID userId, Caller caller) {
        teams.removeMember(id, userId, caller);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView createUser(@Valid @RequestBody NewUser body, Caller caller) {
        // People who are only paged are often created with a name and an e-mail address alone.
        String username = body.username() != null ? body.username() : body.email();
        if (username == null) {
            throw InvalidInputException.of("username", "is required when no email is given");
        }
        OrganisationRole role = body.role() != null
                ? OrganisationRole.parse(body.role(), "role")
                : Boolean.TRUE.equals(body.admin()) ? OrganisationRole.ADMIN : OrganisationRole.MEMBER;
        return users.create(username, body.name(), body.email(), body.password(), role, caller);
    }

    @GetMapping("/users")
    List<UserView> listUsers() {
        return users.list();
    }

    @GetMapping("/users/{id}")
    UserView user(@PathVariable UUID id) {
        return users.get(id);
    }

    @PatchMapping("/users/{id}")
    UserChangeResult updateUser(@PathVariable UUID id, @Valid @RequestBody UserPatch body, Caller caller) {
        OrganisationRole role = body.role() == null ? null : OrganisationRole.parse(body.role(), "role");
        return UserChangeResult.of(
                users.update(id, new UserChanges(body.name(), body.email(), role, body.active()), caller));
    }

    @PostMapping("/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable UUID id, @Valid @RequestBody NewPassword body, Caller caller) {
        users.resetPassword(id, body.newPassword(), caller);
    }

    @GetMapping("/me")
    Me me(Caller caller) {
        UserView me = users.get(caller.userId().orElseThrow());
        var memberships = teams.membershipsOf(me.id()).stream()
                .map(m -> new TeamPermissions(m.teamId(), m.teamName(), m.role(), caller.permissions(m.teamId())))
                .toList();
        return new Me(
                me.id(),
                me.username(),
                me.name(),
                me.email(),
                me.role(),
                memberships,
                caller.permissions(),
                caller.readOnly());
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeOwnPassword(@Valid @RequestBody PasswordChange body, Caller caller) {
        users.changeOwnPassword(body.currentPassword(), body.newPassword(), caller);
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApiToken createToken(@Valid @RequestBody NewToken body, Caller caller) {
        return tokens.create(body.name(), Boolean.TRUE.equals(body.readOnly()), caller);
    }

    @GetMapping("/tokens")
    List<ApiTokenView> listTokens(Caller caller) {
        return tokens.list(caller.userId().orElseThrow());
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@PathVariable UUID id, Caller caller) {
        tokens.revoke(id, caller);
    }
}
