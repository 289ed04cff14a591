package dev.klaxon.services;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Teams;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Services {

    private static final RowMapper<ServiceView> ROW = (rs, n) -> new ServiceView(
            rs.getObject("id", UUID.class),
            rs.getObject("team_id", UUID.class),
            rs.getString("name"),
            rs.getString("description"),
            rs.getBoolean("auto_resolve"),
            rs.getObject("escalation_policy_id", UUID.class),
            JdbcTime.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Teams teams;
    private final ObjectProvider<EscalationPolicyDirectory> policies;

    Services(JdbcClient jdbc, Clock clock, Teams teams, ObjectProvider<EscalationPolicyDirectory> policies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.teams = teams;
        this.policies = policies;
    }

    public ServiceView create(UUID teamId, String name, String description, Boolean autoResolve, Caller by) {
        return create(teamId, name, description, autoResolve, null, by);
    }

    /** @param escalationPolicyId null for the default policy */
    @Transactional
    public ServiceView create(
            UUID teamId, String name, String description, Boolean autoResolve, UUID escalationPolicyId, Caller by) {
        if (teams.find(teamId).isEmpty()) {
            throw InvalidInputException.of("teamId", "team " + teamId + " does not exist");
        }
        by.require(Permission.SERVICES_MANAGE, teamId);
        requireUsablePolicy(escalationPolicyId, teamId);
        var service = new ServiceView(
                Ids.timeOrdered(),
                teamId,
                name.strip(),
                description,
                autoResolve == null || autoResolve,
                escalationPolicyId,
                clock.instant());
        try {
            jdbc.sql("""
                    INSERT INTO services_services
                        (id, team_id, name, description, auto_resolve, escalation_policy_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            service.id(),
                            service.teamId(),
                            service.name(),
                            service.description(),
                            service.autoResolve(),
                            service.escalationPolicyId(),
                            JdbcTime.toDb(service.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The team already has a service named '" + service.name() + "'");
        }
        return service;
    }

    /** Changes what is given; a null argument keeps the current value. */
    @Transactional
    public ServiceView update(
            UUID id, String name, String description, Boolean autoResolve, UUID escalationPolicyId, Caller by) {
        var current = get(id);
        by.require(Permission.SERVICES_MANAGE, current.teamId());
        requireUsablePolicy(escalationPolicyId, current.teamId());
        var updated = new ServiceView(
                id,
                current.teamId(),
                name == null ? current.name() : name.strip(),
                description == null ? current.description() : description,
                autoResolve == null ? current.autoResolve() : autoResolve,
                escalationPolicyId == null ? current.escalationPolicyId() : escalationPolicyId,
                current.createdAt());
        try {
            jdbc.sql("""
                    UPDATE services_services
                    SET name = ?, description = ?, auto_resolve = ?, escalation_policy_id = ?
                    WHERE id = ?""")
                    .params(
                            updated.name(),
                            updated.description(),
                            updated.autoResolve(),
                            updated.escalationPolicyId(),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The team already has a service named '" + updated.name() + "'");
        }
        return updated;
    }

    /** The services that use a policy, so a policy in use is not deleted. */
    @Transactional(readOnly = true)
    public List<ServiceView> usingPolicy(UUID escalationPolicyId) {
        return jdbc.sql("SELECT * FROM services_services WHERE escalation_policy_id = ? ORDER BY name")
                .param(escalationPolicyId)
                .query(ROW)
                .list();
    }

    private void requireUsablePolicy(UUID escalationPolicyId, UUID teamId) {
        if (escalationPolicyId == null) {
            return;
        }
        var directory = policies.getIfAvailable();
        if (directory == null || !directory.exists(escalationPolicyId)) {
            throw InvalidInputException.of(
                    "escalationPolicyId", "escalation policy " + escalationPolicyId + " does not exist");
        }
        if (!directory.usableByTeam(escalationPolicyId, teamId)) {
            throw InvalidInputException.of(
                    "escalationPolicyId",
                    "belongs to another team; choose an organisation-wide policy or one of this team's");
        }
    }

    @Transactional(readOnly = true)
    public List<ServiceView> list(UUID teamId) {
        if (teamId == null) {
            return jdbc.sql("SELECT * FROM services_services ORDER BY name")
                    .query(ROW)
                    .list();
        }
        return jdbc.sql("SELECT * FROM services_services WHERE team_id = ? ORDER BY name")
                .param(teamId)
                .query(ROW)
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<ServiceView> find(UUID id) {
        return jdbc.sql("SELECT * FROM services_services WHERE id = ?")
                .param(id)
                .query(ROW)
                .optional();
    }

    public ServiceView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("Service", id));
    }
}
