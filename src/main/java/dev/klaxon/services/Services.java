package dev.klaxon.services;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.InvalidInputException;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Teams;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
            JdbcTime.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Teams teams;

    Services(JdbcClient jdbc, Clock clock, Teams teams) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.teams = teams;
    }

    @Transactional
    public ServiceView create(UUID teamId, String name, String description, Boolean autoResolve) {
        if (teams.find(teamId).isEmpty()) {
            throw InvalidInputException.of("teamId", "team " + teamId + " does not exist");
        }
        var service = new ServiceView(
                UUID.randomUUID(),
                teamId,
                name.strip(),
                description,
                autoResolve == null || autoResolve,
                clock.instant());
        try {
            jdbc.sql("""
                    INSERT INTO services_services (id, team_id, name, description, auto_resolve, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(
                            service.id(),
                            service.teamId(),
                            service.name(),
                            service.description(),
                            service.autoResolve(),
                            JdbcTime.toDb(service.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The team already has a service named '" + service.name() + "'");
        }
        return service;
    }

    @Transactional
    public ServiceView update(UUID id, String name, String description, Boolean autoResolve) {
        var current = get(id);
        var updated = new ServiceView(
                id,
                current.teamId(),
                name == null ? current.name() : name.strip(),
                description == null ? current.description() : description,
                autoResolve == null ? current.autoResolve() : autoResolve,
                current.createdAt());
        try {
            jdbc.sql("UPDATE services_services SET name = ?, description = ?, auto_resolve = ? WHERE id = ?")
                    .params(updated.name(), updated.description(), updated.autoResolve(), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The team already has a service named '" + updated.name() + "'");
        }
        return updated;
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
