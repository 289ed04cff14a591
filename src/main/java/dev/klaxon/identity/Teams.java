package dev.klaxon.identity;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.JdbcTime;
import dev.klaxon.common.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams own services, rotations and SLOs. */
@Service
public class Teams {

    private static final RowMapper<TeamView> ROW = (rs, n) -> new TeamView(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getString("description"),
            JdbcTime.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Clock clock;

    Teams(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public TeamView create(String name, String description) {
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
}
