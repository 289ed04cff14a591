package dev.klaxon.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migration to roles keeps every user and what they could do that matters at 3 a.m.: administrators stay
 * administrators, and every other user becomes a responder of every existing team, so nobody on call loses the
 * right to acknowledge. Memberships that existed keep their row.
 */
class IdentityRolesMigrationTests {

    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-20T10:00:00Z");

    @Test
    void administratorsStayAdministratorsAndEveryoneElseRespondsForEveryTeam() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:roles-migration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .target("20261129120000")
                .load()
                .migrate();
        var jdbc = JdbcClient.create(dataSource);
        UUID admin = user(jdbc, "root", true);
        UUID ann = user(jdbc, "ann", false);
        UUID bob = user(jdbc, "bob", false);
        UUID payments = team(jdbc, "payments");
        UUID search = team(jdbc, "search");
        jdbc.sql("INSERT INTO identity_team_members (team_id, user_id) VALUES (?, ?)")
                .params(payments, ann)
                .update();
        UUID token = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO identity_api_tokens (id, user_id, name, token_hash, token_prefix, created_at)
                VALUES (?, ?, 'ci', ?, 'kx_abc', ?)""").params(token, ann, "a".repeat(64), CREATED).update();

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(jdbc.sql("SELECT username, org_role FROM identity_users ORDER BY username")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getString(2))
                        .list())
                .containsExactly("ann=member", "bob=member", "root=admin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_users WHERE active = TRUE")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        List<Map<String, Object>> memberships = jdbc.sql(
                        "SELECT team_id, user_id, team_role FROM identity_team_members ORDER BY team_id, user_id")
                .query()
                .listOfRows();
        assertThat(memberships)
                .extracting(row -> row.get("team_id") + "/" + row.get("user_id") + "/" + row.get("team_role"))
                .containsExactlyInAnyOrder(
                        payments + "/" + ann + "/responder",
                        payments + "/" + bob + "/responder",
                        search + "/" + ann + "/responder",
                        search + "/" + bob + "/responder");
        assertThat(memberships).noneMatch(row -> admin.equals(row.get("user_id")));
        assertThat(jdbc.sql("SELECT read_only FROM identity_api_tokens WHERE id = ?")
                        .param(token)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM escalation_policies WHERE id = ? AND team_id IS NULL")
                        .param(UUID.fromString("00000000-0000-0000-0000-0000000e5ca1"))
                        .query(Long.class)
                        .single())
                .as("the default policy stays organisation-wide")
                .isEqualTo(1);
    }

    private static UUID user(JdbcClient jdbc, String username, boolean admin) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO identity_users (id, username, display_name, password_hash, admin, created_at)
                VALUES (?, ?, ?, '{noop}x', ?, ?)""").params(id, username, username, admin, CREATED).update();
        return id;
    }

    private static UUID team(JdbcClient jdbc, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO identity_teams (id, name, created_at) VALUES (?, ?, ?)")
                .params(id, name, CREATED)
                .update();
        return id;
    }
}
