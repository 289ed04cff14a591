package dev.klaxon.identity;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams own services, rotations and SLOs; their members hold a team role (manager or responder). */
@Service
public class Teams {

    private static final RowMapper<TeamView> ROW = (rs, n) -> new TeamView(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getString("description"),
            JdbcTime.fromDb(rs, "created_at"));

    private static final RowMapper<TeamMemberView> MEMBER = (rs, n) -> new TeamMemberView(
            rs.getObject("team_id", UUID.class),
            rs.getObject("user_id", UUID.class),
            rs.getString("username"),
            rs.getString("display_name"),
            TeamRole.valueOf(rs.getString("team_role").toUpperCase(Locale.ROOT)),
            rs.getBoolean("active"),
            JdbcTime.fromDb(rs, "added_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Users users;

    Teams(JdbcClient jdbc, Clock clock, Users users) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.users = users;
    }

    @Transactional
    public TeamView create(String name, String description, Caller by) {
        by.require(Permission.TEAMS_CREATE);
        var team = new TeamView(Ids.timeOrdered(), name.strip(), description, clock.instant());
        try {
            jdbc.sql("INSERT INTO identity_teams (id, name, description, created_at) VALUES (?, ?, ?, ?)")
                    .params(team.id(), team.name(), team.description(), JdbcTime.toDb(team.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team named '" + team.name() + "' already exists");
        }
        return team;
    }

    @Transactional(readOnly = true)
    public List<TeamView> list() {
        return jdbc.sql("SELECT * FROM identity_teams ORDER BY name").query(ROW).list();
    }

    @Transactional(readOnly = true)
    public Optional<TeamView> find(UUID id) {
        return jdbc.sql("SELECT * FROM identity_teams WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    public TeamView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("Team", id));
    }

    /** The team's members, managers first, then by name. */
    @Transactional(readOnly = true)
    public List<TeamMemberView> members(UUID teamId) {
        get(teamId);
        return jdbc.sql("""
                SELECT m.team_id, m.user_id, m.team_role, m.added_at, u.username, u.display_name, u.active
                FROM identity_team_members m JOIN identity_users u ON u.id = m.user_id
                WHERE m.team_id = ? ORDER BY m.team_role, u.display_name""").param(teamId).query(MEMBER).list();
    }

    /** A person's teams and roles, by team name. */
    @Transactional(readOnly = true)
    public List<Membership> membershipsOf(UUID userId) {
        return jdbc.sql("""
                SELECT m.team_id, t.name, m.team_role FROM identity_team_members m
                JOIN identity_teams t ON t.id = m.team_id WHERE m.user_id = ? ORDER BY t.name""")
                .param(userId)
                .query((rs, n) -> new Membership(
                        rs.getObject("team_id", UUID.class),
                        rs.getString("name"),
                        TeamRole.valueOf(rs.getString("team_role").toUpperCase(Locale.ROOT))))
                .list();
    }

    @Transactional
    public TeamMemberView addMember(UUID teamId, UUID userId, TeamRole role, Caller by) {
        TeamView team = get(teamId);
        by.require(Permission.TEAM_MEMBERS_MANAGE, teamId);
        UserView user = users.get(userId);
        if (!RolePermissions.mayHoldTeamRoles(user.role())) {
            throw new ConflictException(
                    user.name() + " is a viewer and cannot hold a team role; make them a member first");
        }
        if (!user.active()) {
            throw new ConflictException(user.name() + " is deactivated");
        }
        try {
            jdbc.sql("INSERT INTO identity_team_members (team_id, user_id, team_role, added_at) VALUES (?, ?, ?, ?)")
                    .params(teamId, userId, role.key(), JdbcTime.toDb(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(user.name() + " is already a member of " + team.name()
                    + "; change their role with PUT /api/v1/teams/" + teamId + "/members/" + userId);
        }
        return member(teamId, userId);
    }

    @Transactional
    public TeamMemberView changeRole(UUID teamId, UUID userId, TeamRole role, Caller by) {
        get(teamId);
        by.require(Permission.TEAM_MEMBERS_MANAGE, teamId);
        int updated = jdbc.sql("UPDATE identity_team_members SET team_role = ? WHERE team_id = ? AND user_id = ?")
                .params(role.key(), teamId, userId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("Team member", userId);
        }
        return member(teamId, userId);
    }

    @Transactional
    public void removeMember(UUID teamId, UUID userId, Caller by) {
        get(teamId);
        by.require(Permission.TEAM_MEMBERS_MANAGE, teamId);
        int deleted = jdbc.sql("DELETE FROM identity_team_members WHERE team_id = ? AND user_id = ?")
                .params(teamId, userId)
                .update();
        if (deleted == 0) {
            throw new NotFoundException("Team member", userId);
        }
    }

    private TeamMemberView member(UUID teamId, UUID userId) {
        return members(teamId).stream()
                .filter(m -> m.userId().equals(userId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Team member", userId));
    }
}
