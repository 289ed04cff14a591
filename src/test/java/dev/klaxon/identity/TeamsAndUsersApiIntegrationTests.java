package dev.klaxon.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.common.ConflictException;
import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Team members and their roles, a person's permissions, editing, deactivating and passwords, through the API. */
@KlaxonIntegrationTest
class TeamsAndUsersApiIntegrationTests {

    private static final String PASSWORD = "a-good-long-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    TransactionTemplate tx;

    private Api admin() {
        return Api.asAdmin(port);
    }

    @Test
    void anAdministratorAddsAPersonToATeamChangesTheirRoleAndRemovesThem() {
        String team = team("payments");
        var ann = user("ann", "member");

        var added = admin().post(members(team), member(ann.id(), "manager"))
                .expect(201)
                .json();
        assertThat(added.get("role").asString()).isEqualTo("manager");
        assertThat(added.get("name").asString()).isEqualTo(ann.name());

        JsonNode me = ann.api().get("/api/v1/me").expect(200).json();
        assertThat(me.get("role").asString()).isEqualTo("member");
        assertThat(texts(me.get("permissions"))).containsExactly("account.manage");
        JsonNode membership = me.get("teams").get(0);
        assertThat(membership.get("teamId").asString()).isEqualTo(team);
        assertThat(membership.get("role").asString()).isEqualTo("manager");
        assertThat(texts(membership.get("permissions")))
                .contains("services.manage", "rotations.manage", "incidents.respond", "team.members.manage")
                .doesNotContain("users.manage", "teams.create");

        admin().put(members(team) + "/" + ann.id(), "{\"role\":\"responder\"}").expect(200);
        assertThat(texts(ann.api().get("/api/v1/me").json().get("teams").get(0).get("permissions")))
                .contains("incidents.respond", "incidents.classify", "shifts.cover")
                .doesNotContain("services.manage");

        admin().delete(members(team) + "/" + ann.id()).expect(204);
        assertThat(admin().get(members(team)).expect(200).json().size()).isZero();
        assertThat(ann.api().get("/api/v1/me").json().get("teams").size()).isZero();
    }

    @Test
    void aTeamsManagerManagesItsMembersButNotAnotherTeams() {
        String payments = team("payments");
        String search = team("search");
        var lead = user("lead", "member");
        var newcomer = user("newcomer", "member");
        admin().post(members(payments), member(lead.id(), "manager")).expect(201);

        lead.api().post(members(payments), member(newcomer.id(), "responder")).expect(201);
        var refused = lead.api().post(members(search), member(newcomer.id(), "responder"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("permission").asString()).isEqualTo("team.members.manage");
        assertThat(refused.json().get("teamId").asString()).isEqualTo(search);
        assertThat(admin().get(members(search)).json().size()).isZero();
    }

    @Test
    void badMembershipRequestsAreRefusedWithAClearProblemAndChangeNothing() {
        String team = team("checkout");
        var bob = user("bob", "member");
        var stakeholder = user("stakeholder", "viewer");
        admin().post(members(team), member(bob.id(), "responder")).expect(201);

        var unknownRole = admin().post(members(team), member(bob.id(), "owner"));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("errors").get(0).get("field").asString())
                .isEqualTo("role");
        assertThat(unknownRole.json().get("errors").get(0).get("message").asString())
                .contains("manager", "responder");

        var twice = admin().post(members(team), member(bob.id(), "manager"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("detail").asString()).contains("already a member", "PUT");

        var viewer = admin().post(members(team), member(stakeholder.id(), "responder"));
        assertThat(viewer.status()).isEqualTo(409);
        assertThat(viewer.json().get("detail").asString()).contains("viewer");

        assertThat(admin().post(members(team), member(UUID.randomUUID(), "responder"))
                        .status())
                .isEqualTo(404);
        assertThat(admin().post(
                                "/api/v1/users",
                                "{\"name\":\"X\",\"email\":\"x-" + suffix() + "@example.com\",\"role\":\"superuser\"}")
                        .status())
                .isEqualTo(400);

        JsonNode listed = admin().get(members(team)).expect(200).json();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("role").asString()).isEqualTo("responder");
    }

    @Test
    void nobodyDeactivatesThemselvesAndTheLastAdministratorStays() {
        String adminId = admin().get("/api/v1/me").expect(200).json().get("id").asString();
        var self = admin().send("PATCH", "/api/v1/users/" + adminId, "{\"active\":false}");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("detail").asString()).contains("yourself");

        // Other test classes share this database and may have made administrators: the rule is checked in a
        // transaction that first leaves the built-in admin alone, and is rolled back.
        UUID builtIn = UUID.fromString(adminId);
        Caller otherAdmin = Caller.user(UUID.randomUUID(), "Other admin", OrganisationRole.ADMIN, Map.of(), false);
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE identity_users SET org_role = 'member' WHERE org_role = 'admin' AND id <> ?")
                    .param(builtIn)
                    .update();
            assertThatThrownBy(() -> users.update(
                            builtIn, new UserChanges(null, null, OrganisationRole.MEMBER, null), otherAdmin))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("last active administrator");
            assertThatThrownBy(() -> users.update(builtIn, new UserChanges(null, null, null, false), otherAdmin))
                    .isInstanceOf(ConflictException.class);
            status.setRollbackOnly();
        });
        assertThat(admin().get("/api/v1/me").expect(200).json().get("role").asString())
                .isEqualTo("admin");
    }

    @Test
    void aDeactivatedPersonCannotSignInLosesTheirTokensAndLeavesTheirRotations() {
        String team = team("storage");
        var dana = user("dana", "member");
        var eli = user("eli", "member");
        admin().post(members(team), member(dana.id(), "responder")).expect(201);
        String token = dana.api()
                .post("/api/v1/tokens", "{\"name\":\"laptop\"}")
                .expect(201)
                .json()
                .get("secret")
                .asString();
        String feed = dana.api()
                .post("/api/v1/users/" + dana.id() + "/calendar-feeds", "")
                .expect(201)
                .json()
                .get("url")
                .asString();
        String feedPath = feed.substring(feed.indexOf("/ical/"));
        assertThat(Api.anonymous(port).get(feedPath, "text/calendar").status()).isEqualTo(200);
        String shared = rotation(team, "shared-" + suffix(), dana.id(), eli.id());
        String alone = rotation(team, "alone-" + suffix(), dana.id());
        String policyName = "direct-" + suffix();
        admin().post("/api/v1/escalation-policies", """
                        {"name":"%s","levels":[{"timeout":"PT5M","targets":[{"type":"user","id":"%s"}]}]}""".formatted(policyName, dana.id()))
                .expect(201);

        JsonNode result = admin().send("PATCH", "/api/v1/users/" + dana.id(), "{\"active\":false}")
                .expect(200)
                .json();

        assertThat(result.get("active").asBoolean()).isFalse();
        String warnings = String.join("\n", texts(result.get("warnings")));
        assertThat(warnings).contains("left rotation 'shared-", "only participant of rotation 'alone-", policyName);
        assertThat(dana.api().get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Api.bearer(port, token).get("/api/v1/teams").status()).isEqualTo(401);
        assertThat(participants(shared)).containsExactly(eli.id().toString());
        assertThat(participants(alone)).containsExactly(dana.id().toString());
        assertThat(warnings).contains("Revoked 1 calendar feed");
        assertThat(Api.anonymous(port).get(feedPath, "text/calendar").status()).isEqualTo(404);
        assertThat(admin().post(members(team(("other"))), member(dana.id(), "responder"))
                        .status())
                .isEqualTo(409);

        admin().send("PATCH", "/api/v1/users/" + dana.id(), "{\"active\":true}").expect(200);
        assertThat(dana.api()
                        .get("/api/v1/me")
                        .expect(200)
                        .json()
                        .get("username")
                        .asString())
                .isEqualTo(dana.username());
        assertThat(Api.bearer(port, token).get("/api/v1/teams").status())
                .as("tokens stay revoked after reactivation")
                .isEqualTo(401);
    }

    @Test
    void peopleChangeTheirOwnPasswordAndNameAndAnAdministratorCanResetOne() {
        var fay = user("fay", "member");

        var wrong = fay.api().post("/api/v1/me/password", """
                {"currentPassword":"not-my-password","newPassword":"another-long-password"}""");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        var tooShort = fay.api().post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"short"}""".formatted(PASSWORD));
        assertThat(tooShort.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(fay.api().get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);

        fay.api().post("/api/v1/me/password", """
                        {"currentPassword":"%s","newPassword":"another-long-password"}""".formatted(PASSWORD)).expect(204);
        assertThat(fay.api().get("/api/v1/me").status()).isEqualTo(401);
        var withNew = Api.basic(port, fay.username(), "another-long-password");
        withNew.send("PATCH", "/api/v1/users/" + fay.id(), "{\"name\":\"Fay Doe\"}")
                .expect(200);
        var promote = withNew.send("PATCH", "/api/v1/users/" + fay.id(), "{\"role\":\"admin\"}");
        assertThat(promote.status()).isEqualTo(403);
        assertThat(promote.json().get("permission").asString()).isEqualTo("users.manage");

        admin().post("/api/v1/users/" + fay.id() + "/password", "{\"newPassword\":\"reset-by-the-admin\"}")
                .expect(204);
        JsonNode me = Api.basic(port, fay.username(), "reset-by-the-admin")
                .get("/api/v1/me")
                .expect(200)
                .json();
        assertThat(me.get("name").asString()).isEqualTo("Fay Doe");
        assertThat(me.get("role").asString()).isEqualTo("member");
    }

    @Test
    void aReadOnlyTokenReadsItsPersonsPrivateThingsButChangesNothing() {
        var gus = user("gus", "member");
        gus.api()
                .post("/api/v1/users/" + gus.id() + "/contact-methods", """
                        {"type":"email","address":"gus-%s@example.com"}""".formatted(suffix()))
                .expect(201);
        String token = gus.api()
                .post("/api/v1/tokens", "{\"name\":\"dashboards\",\"readOnly\":true}")
                .expect(201)
                .json()
                .get("secret")
                .asString();
        var readOnly = Api.bearer(port, token);

        assertThat(readOnly.get("/api/v1/users/" + gus.id() + "/contact-methods")
                        .expect(200)
                        .json()
                        .size())
                .isEqualTo(1);
        readOnly.get("/api/v1/users/" + gus.id() + "/calendar-feeds").expect(200);
        assertThat(readOnly.get("/api/v1/me").expect(200).json().get("readOnly").asBoolean())
                .isTrue();
        var write = readOnly.post("/api/v1/users/" + gus.id() + "/contact-methods", """
                {"type":"email","address":"another@example.com"}""");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("detail").asString()).contains("read-only");
        assertThat(gus.api()
                        .get("/api/v1/users/" + gus.id() + "/contact-methods")
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aViewerReadsButChangesNothingExceptTheirOwnAccount() {
        var val = user("val", "viewer");

        assertThat(val.api().get("/api/v1/incidents").status()).isEqualTo(200);
        assertThat(val.api().get("/api/v1/teams").status()).isEqualTo(200);
        var refused = val.api().post("/api/v1/teams", "{\"name\":\"viewer-team-" + suffix() + "\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("permission").asString()).isEqualTo("teams.create");
        val.api()
                .post("/api/v1/tokens", "{\"name\":\"dashboards\",\"readOnly\":true}")
                .expect(201);
    }

    private record Person(UUID id, String username, String name, Api api) {}

    private Person user(String prefix, String role) {
        String username = prefix + "-" + suffix();
        JsonNode created = admin().post("/api/v1/users", """
                        {"username":"%s","name":"%s","password":"%s","role":"%s"}""".formatted(username, prefix, PASSWORD, role))
                .expect(201)
                .json();
        assertThat(created.get("role").asString()).isEqualTo(role);
        return new Person(
                UUID.fromString(created.get("id").asString()), username, prefix, Api.basic(port, username, PASSWORD));
    }

    private String team(String prefix) {
        return admin().post("/api/v1/teams", "{\"name\":\"" + prefix + "-" + suffix() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String rotation(String team, String name, UUID... people) {
        String participants = String.join(
                ",", java.util.Arrays.stream(people).map(p -> "\"" + p + "\"").toList());
        return admin().post("/api/v1/rotations", """
                        {"name":"%s","teamId":"%s","role":"Primary on-call","participants":[%s],"shiftLength":"P7D",
                         "handoffTime":"09:00","timeZone":"Europe/Berlin","start":"2026-11-23"}""".formatted(name, team, participants))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private java.util.List<String> participants(String rotationId) {
        return texts(admin().get("/api/v1/rotations/" + rotationId)
                .expect(200)
                .json()
                .get("participants"));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static String members(String team) {
        return "/api/v1/teams/" + team + "/members";
    }

    private static String member(UUID userId, String role) {
        return "{\"userId\":\"" + userId + "\",\"role\":\"" + role + "\"}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
