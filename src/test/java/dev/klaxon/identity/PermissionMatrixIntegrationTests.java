package dev.klaxon.identity;

import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.ADMIN;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.ANONYMOUS;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.LONER;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.MANAGER_A;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.MANAGER_A_READ_ONLY_TOKEN;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.MANAGER_B;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.RESPONDER_A;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.RESPONDER_B;
import static dev.klaxon.identity.PermissionMatrixIntegrationTests.Who.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Who may change what, endpoint by endpoint: one rule per state-changing MVC endpoint (REST API and pages), each
 * with the permission it needs, one role that must be allowed and the closest role that must be refused. A test
 * compares the table with Spring MVC's handler mapping, so a new endpoint without a rule fails the build.
 *
 * <p>The principals are real people with real roles: {@code managerA}/{@code responderA} hold team roles in team A,
 * {@code managerB}/{@code responderB} in team B, {@code loner} is a member of no team, {@code viewer} has the
 * organisation role viewer. Each signs in once with HTTP Basic to create a personal API token and then calls with it
 * (a full token acts exactly as the person, and hashing it is much cheaper than checking a bcrypt password on every
 * request); {@code MANAGER_A_READ_ONLY_TOKEN} is managerA's read-only token. Every test class shares the application
 * and the database, so everything here has a unique name and only its own rows are counted.
 */
@KlaxonIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIntegrationTests {

    private static final String JSON = "application/json";
    private static final String HTML = "text/html";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String YAML = "application/yaml";
    private static final String COORDINATOR = "Incident coordinator";

    /** The callers of the matrix. */
    enum Who {
        ADMIN,
        MANAGER_A,
        RESPONDER_A,
        MANAGER_B,
        RESPONDER_B,
        LONER,
        VIEWER,
        MANAGER_A_READ_ONLY_TOKEN,
        ANONYMOUS
    }

    /**
     * One request: what to send and, optionally, what to look at to tell whether it changed anything (compared before
     * and after the refused request, and expected to change with the allowed one).
     */
    record Call(String method, String path, String body, String contentType, String accept, Supplier<Object> state) {

        Call watching(Supplier<Object> state) {
            return new Call(method, path, body, contentType, accept, state);
        }

        boolean api() {
            return path.startsWith("/api/");
        }
    }

    /**
     * A row of the matrix. {@code permission} is what the endpoint needs ("public" for the acknowledge link, whose URL
     * carries its own secret, and for the error page, with the reason in {@code why}); {@code refusalNames} is the
     * permission the 403 problem detail names for the refused caller (the same, except for things of one person, where
     * anyone else needs {@code users.manage}, and for read-only tokens, which the CallerFilter refuses before any
     * controller runs, naming none). {@code call} builds the request, creating fresh fixtures where it consumes them;
     * the refused caller sends it first, then the allowed one the very same request.
     */
    record Rule(
            String endpoint,
            String permission,
            String refusalNames,
            Who allowed,
            int allowedStatus,
            Who refused,
            String why,
            Supplier<Call> call) {

        boolean isPublic() {
            return "public".equals(permission);
        }

        @Override
        public String toString() {
            return endpoint + " [" + permission + ": " + allowed + " yes, " + (refused == null ? "-" : refused + " no")
                    + "]";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String password = "matrix-password-" + suffix;
    private final Map<Who, String> tokens = new EnumMap<>(Who.class);
    private final Map<Who, UUID> ids = new EnumMap<>(Who.class);
    private final Map<Who, String> usernames = new EnumMap<>(Who.class);

    private Api admin;
    private UUID teamA;
    private UUID teamB;
    private UUID serviceA;
    private UUID serviceB;
    private UUID integrationB;
    private String incidentKeyA;
    private String incidentKeyB;
    private UUID rotationA;
    private UUID rotationB;
    private UUID policyA;
    private UUID policyB;
    private UUID sloA;
    private UUID sloB;
    private LocalDate rotationStart;

    @BeforeAll
    void createPrincipalsAndFixtures() {
        tokens.put(ADMIN, createToken(Api.asAdmin(port), "matrix-admin", false));
        admin = Api.bearer(port, tokens.get(ADMIN));

        teamA = team("matrix-a");
        teamB = team("matrix-b");
        person(MANAGER_A, "member", teamA, "manager");
        person(RESPONDER_A, "member", teamA, "responder");
        person(MANAGER_B, "member", teamB, "manager");
        person(RESPONDER_B, "member", teamB, "responder");
        person(LONER, "member", null, null);
        person(VIEWER, "viewer", null, null);
        tokens.put(MANAGER_A_READ_ONLY_TOKEN, createToken(as(MANAGER_A), "grafana", true));

        rotationStart = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(14);
        serviceA = service(teamA);
        serviceB = service(teamB);
        integrationB = integration(serviceB).id();
        incidentKeyA = integration(service(teamA)).key();
        incidentKeyB = integration(service(teamB)).key();
        rotationA = rotation(teamA);
        rotationB = rotation(teamB);
        policyA = policy(teamA);
        policyB = policy(teamB);
        sloA = slo(serviceA);
        sloB = slo(serviceB);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The table
    // ---------------------------------------------------------------------------------------------------------

    Stream<Rule> rules() {
        List<Rule> rules = new ArrayList<>();

        // Identity: teams and people are the organisation's; members are the team managers'.
        rules.add(rule("POST /api/v1/teams", "teams.create", ADMIN, 201, MANAGER_A, () -> {
            String name = uniq("matrix-team");
            return post("/api/v1/teams", "{\"name\":\"" + name + "\"}")
                    .watching(count("SELECT COUNT(*) FROM identity_teams WHERE name = ?", name));
        }));
        rules.add(rule("POST /api/v1/teams/{id}/members", "team.members.manage", MANAGER_A, 201, RESPONDER_A, () -> {
            UUID user = user("member");
            return post("/api/v1/teams/" + teamA + "/members", "{\"userId\":\"" + user + "\",\"role\":\"responder\"}")
                    .watching(membership(teamA, user));
        }));
        rules.add(rule(
                "PUT /api/v1/teams/{id}/members/{userId}", "team.members.manage", MANAGER_A, 200, MANAGER_B, () -> {
                    UUID user = member(teamA, "responder");
                    return put("/api/v1/teams/" + teamA + "/members/" + user, "{\"role\":\"manager\"}")
                            .watching(membership(teamA, user));
                }));
        rules.add(rule(
                "DELETE /api/v1/teams/{id}/members/{userId}",
                "team.members.manage",
                MANAGER_A,
                204,
                RESPONDER_A,
                () -> {
                    UUID user = member(teamA, "responder");
                    return delete("/api/v1/teams/" + teamA + "/members/" + user).watching(membership(teamA, user));
                }));
        rules.add(rule("POST /api/v1/users", "users.manage", ADMIN, 201, MANAGER_A, () -> {
            String username = uniq("matrix-user");
            return post("/api/v1/users", "{\"username\":\"" + username + "\",\"name\":\"New Person\"}")
                    .watching(count("SELECT COUNT(*) FROM identity_users WHERE username = ?", username));
        }));
        rules.add(rule("PATCH /api/v1/users/{id}", "users.manage", ADMIN, 200, MANAGER_A, () -> {
            UUID user = user("member");
            return send("PATCH", "/api/v1/users/" + user, "{\"role\":\"viewer\"}")
                    .watching(view("/api/v1/users/" + user));
        }));
        rules.add(rule("POST /api/v1/users/{id}/password", "users.manage", ADMIN, 204, MANAGER_A, () -> {
            UUID user = user("member");
            return post("/api/v1/users/" + user + "/password", "{\"newPassword\":\"another-password-123\"}")
                    .watching(passwordHash(user));
        }));
        rules.add(ownAccount(
                "POST /api/v1/me/password",
                204,
                () -> post(
                                "/api/v1/me/password",
                                "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + password + "\"}")
                        .watching(passwordHash(ids.get(MANAGER_A)))));
        rules.add(ownAccount("POST /api/v1/tokens", 201, () -> {
            String name = uniq("matrix-token");
            return post("/api/v1/tokens", "{\"name\":\"" + name + "\"}")
                    .watching(count("SELECT COUNT(*) FROM identity_api_tokens WHERE name = ?", name));
        }));
        rules.add(ownAccount("DELETE /api/v1/tokens/{id}", 204, () -> {
            UUID token = spareTokenOfManagerA();
            return delete("/api/v1/tokens/" + token).watching(activeToken(token));
        }));

        // Services and integrations: the owning team's managers.
        rules.add(rule("POST /api/v1/services", "services.manage", MANAGER_A, 201, MANAGER_B, () -> {
            String name = uniq("matrix-svc");
            return post("/api/v1/services", "{\"name\":\"" + name + "\",\"teamId\":\"" + teamA + "\"}")
                    .watching(count("SELECT COUNT(*) FROM services_services WHERE name = ?", name));
        }));
        rules.add(rule(
                "PUT /api/v1/services/{id}",
                "services.manage",
                MANAGER_A,
                200,
                RESPONDER_A,
                () -> put("/api/v1/services/" + serviceA, "{\"description\":\"" + uniq("changed") + "\"}")
                        .watching(view("/api/v1/services/" + serviceA))));
        rules.add(rule(
                "POST /api/v1/services/{id}/integrations",
                "services.manage",
                MANAGER_A,
                201,
                MANAGER_B,
                () -> post("/api/v1/services/" + serviceA + "/integrations", "{\"type\":\"events-v2\"}")
                        .watching(count("SELECT COUNT(*) FROM services_integrations WHERE service_id = ?", serviceA))));
        rules.add(rule("PATCH /api/v1/integrations/{id}", "services.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID integration = integration(serviceA).id();
            return send("PATCH", "/api/v1/integrations/" + integration, "{\"enabled\":false}")
                    .watching(integrationEnabled(integration));
        }));

        // Escalation policies: the owning team's managers (organisation-wide ones: administrators).
        rules.add(rule("POST /api/v1/escalation-policies", "escalation.manage", MANAGER_A, 201, MANAGER_B, () -> {
            String name = uniq("matrix-policy");
            return post("/api/v1/escalation-policies", policyJson(name, teamA))
                    .watching(count("SELECT COUNT(*) FROM escalation_policies WHERE name = ?", name));
        }));
        rules.add(rule("PUT /api/v1/escalation-policies/{id}", "escalation.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID policy = policy(teamA);
            return put("/api/v1/escalation-policies/" + policy, policyJson(uniq("matrix-renamed"), teamA))
                    .watching(view("/api/v1/escalation-policies/" + policy));
        }));
        rules.add(rule(
                "DELETE /api/v1/escalation-policies/{id}", "escalation.manage", MANAGER_A, 204, MANAGER_B, () -> {
                    UUID policy = policy(teamA);
                    return delete("/api/v1/escalation-policies/" + policy)
                            .watching(view("/api/v1/escalation-policies/" + policy));
                }));

        // Incidents: responders of the owning team or of an involved team.
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/priority",
                "incidents.classify",
                200,
                VIEWER,
                id -> post("/api/v1/incidents/" + id + "/priority", "{\"priority\":\"P2\",\"reason\":\"spreading\"}")));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/severity",
                "incidents.classify",
                200,
                RESPONDER_B,
                id -> post(
                        "/api/v1/incidents/" + id + "/severity", "{\"severity\":\"Error\",\"reason\":\"spreading\"}")));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/roles",
                "incidents.classify",
                200,
                MANAGER_B,
                id -> post(
                        "/api/v1/incidents/" + id + "/roles",
                        "{\"role\":\"" + COORDINATOR + "\",\"userId\":\"" + ids.get(RESPONDER_A) + "\"}")));
        rules.add(incidentRule("DELETE /api/v1/incidents/{id}/roles/{role}", "incidents.classify", 200, LONER, id -> {
            assignCoordinator(id);
            return delete("/api/v1/incidents/" + id + "/roles/Incident%20coordinator?reason=handed%20back");
        }));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/teams",
                "incidents.classify",
                200,
                RESPONDER_B,
                id -> post("/api/v1/incidents/" + id + "/teams", "{\"teamId\":\"" + teamB + "\"}")));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/acknowledge",
                "incidents.respond",
                200,
                RESPONDER_B,
                id -> post("/api/v1/incidents/" + id + "/acknowledge", null)));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/resolve",
                "incidents.respond",
                200,
                MANAGER_B,
                id -> post("/api/v1/incidents/" + id + "/resolve", null)));
        rules.add(incidentRule(
                "POST /api/v1/incidents/{id}/notes",
                "incidents.respond",
                201,
                LONER,
                id -> post("/api/v1/incidents/" + id + "/notes", "{\"text\":\"looking into it\"}")));

        // Rotations: the team's managers; overrides, swaps and feeds also its responders (shifts.cover).
        rules.add(rule("POST /api/v1/rotations", "rotations.manage", MANAGER_A, 201, MANAGER_B, () -> {
            String name = uniq("matrix-rotation");
            return post("/api/v1/rotations", rotationJson(name, teamA))
                    .watching(count("SELECT COUNT(*) FROM oncall_rotations WHERE name = ?", name));
        }));
        rules.add(rule("PUT /api/v1/rotations/{id}", "rotations.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID rotation = rotation(teamA);
            return put("/api/v1/rotations/" + rotation, rotationJson(uniq("matrix-renamed"), teamA))
                    .watching(view("/api/v1/rotations/" + rotation));
        }));
        rules.add(rule("DELETE /api/v1/rotations/{id}", "rotations.manage", MANAGER_A, 204, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            return delete("/api/v1/rotations/" + rotation).watching(view("/api/v1/rotations/" + rotation));
        }));
        rules.add(rule("POST /api/v1/rotations/{id}/overrides", "shifts.cover", RESPONDER_A, 201, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            return post("/api/v1/rotations/" + rotation + "/overrides", overrideJson())
                    .watching(overrides(rotation));
        }));
        rules.add(rule(
                "DELETE /api/v1/rotations/{id}/overrides/{overrideId}",
                "shifts.cover",
                RESPONDER_A,
                200,
                MANAGER_B,
                () -> {
                    UUID rotation = rotation(teamA);
                    UUID override = override(rotation);
                    return delete("/api/v1/rotations/" + rotation + "/overrides/" + override)
                            .watching(activeOverride(override));
                }));
        rules.add(rule("POST /api/v1/rotations/{id}/swaps", "shifts.cover", RESPONDER_A, 201, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            return post("/api/v1/rotations/" + rotation + "/swaps", swapJson()).watching(overrides(rotation));
        }));
        rules.add(rule(
                "POST /api/v1/rotations/{id}/calendar-feeds",
                "shifts.cover",
                RESPONDER_A,
                201,
                RESPONDER_B,
                () -> post("/api/v1/rotations/" + rotationA + "/calendar-feeds", null)
                        .watching(feedsOf(rotationA))));
        rules.add(own(
                "POST /api/v1/users/{id}/calendar-feeds",
                LONER,
                201,
                RESPONDER_A,
                () -> post("/api/v1/users/" + ids.get(LONER) + "/calendar-feeds", null)
                        .watching(feedsOf(ids.get(LONER)))));
        rules.add(rule("DELETE /api/v1/calendar-feeds/{id}", "shifts.cover", RESPONDER_A, 200, MANAGER_B, () -> {
            UUID feed = rotationFeed(rotationA);
            return delete("/api/v1/calendar-feeds/" + feed).watching(activeFeed(feed));
        }));

        // Alert rules and SLO priorities: the service's team managers.
        rules.add(rule(
                "POST /api/v1/services/{serviceId}/alert-rules",
                "alert-rules.manage",
                MANAGER_A,
                201,
                MANAGER_B,
                () -> {
                    UUID service = service(teamA);
                    return post("/api/v1/services/" + service + "/alert-rules", alertRuleJson(uniq("matrix-rule")))
                            .watching(ruleOrder(service));
                }));
        rules.add(rule(
                "PUT /api/v1/services/{serviceId}/alert-rules/order",
                "alert-rules.manage",
                MANAGER_A,
                200,
                RESPONDER_A,
                () -> {
                    UUID service = service(teamA);
                    UUID first = alertRule(service);
                    UUID second = alertRule(service);
                    return put(
                                    "/api/v1/services/" + service + "/alert-rules/order",
                                    "{\"ruleIds\":[\"" + second + "\",\"" + first + "\"]}")
                            .watching(ruleOrder(service));
                }));
        rules.add(rule(
                "PUT /api/v1/services/{serviceId}/alert-rules/default",
                "alert-rules.manage",
                MANAGER_A,
                200,
                MANAGER_B,
                () -> {
                    UUID service = service(teamA);
                    return put("/api/v1/services/" + service + "/alert-rules/default", "{\"priority\":\"P3\"}")
                            .watching(serviceDefault(service));
                }));
        rules.add(rule("PUT /api/v1/alert-rules/{ruleId}", "alert-rules.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID service = service(teamA);
            UUID rule = alertRule(service);
            return put("/api/v1/alert-rules/" + rule, alertRuleJson(uniq("matrix-renamed")))
                    .watching(ruleOrder(service));
        }));
        rules.add(rule("DELETE /api/v1/alert-rules/{ruleId}", "alert-rules.manage", MANAGER_A, 204, MANAGER_B, () -> {
            UUID service = service(teamA);
            UUID rule = alertRule(service);
            return delete("/api/v1/alert-rules/" + rule).watching(ruleOrder(service));
        }));
        rules.add(rule(
                "PUT /api/v1/slos/{sloId}/priority",
                "slos.manage",
                MANAGER_A,
                200,
                MANAGER_B,
                () -> put("/api/v1/slos/" + sloA + "/priority", "{\"priority\":\"P3\"}")
                        .watching(count("SELECT COUNT(*) FROM classification_slo_priorities WHERE slo_id = ?", sloA))));

        // The classification definition is the organisation's.
        rules.add(rule(
                "PUT /api/v1/classification",
                "classification.manage",
                ADMIN,
                200,
                MANAGER_A,
                () -> put(
                                "/api/v1/classification",
                                admin.get("/api/v1/classification").expect(200).body())
                        .watching(count("SELECT COUNT(*) FROM classification_versions"))));

        // SLOs: the service's team managers.
        rules.add(rule("POST /api/v1/slos", "slos.manage", MANAGER_A, 201, MANAGER_B, () -> {
            String name = uniq("matrix-slo");
            return post("/api/v1/slos", sloJson(serviceA, name))
                    .watching(count("SELECT COUNT(*) FROM slo_slos WHERE name = ?", name));
        }));
        rules.add(rule("PUT /api/v1/slos/{id}", "slos.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID slo = slo(serviceA);
            return put("/api/v1/slos/" + slo, sloJson(serviceA, uniq("matrix-renamed")))
                    .watching(value("SELECT name FROM slo_slos WHERE id = ?", slo));
        }));
        rules.add(rule("DELETE /api/v1/slos/{id}", "slos.manage", MANAGER_A, 204, MANAGER_B, () -> {
            UUID slo = slo(serviceA);
            return delete("/api/v1/slos/" + slo).watching(count("SELECT COUNT(*) FROM slo_slos WHERE id = ?", slo));
        }));
        rules.add(rule("POST /api/v1/slos/{id}/events", "slos.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
            return post(
                            "/api/v1/slos/" + sloA + "/events",
                            "{\"source\":\"" + uniq("matrix") + "\",\"events\":[{\"timestamp\":\"" + at
                                    + "\",\"good\":100,\"total\":100}]}")
                    .watching(count("SELECT COUNT(*) FROM slo_buckets WHERE slo_id = ?", sloA));
        }));
        rules.add(rule(
                "POST /api/v1/slos/{id}/evaluate",
                "slos.manage",
                MANAGER_A,
                200,
                MANAGER_B,
                () -> post("/api/v1/slos/" + sloA + "/evaluate", null)));
        rules.add(rule(
                "POST /api/v1/slos/openslo",
                "slos.manage",
                MANAGER_A,
                201,
                MANAGER_B,
                () -> yamlPost("/api/v1/slos/openslo?serviceId=" + serviceA, openSlo(uniq("matrix-openslo")))
                        .watching(slosOf(serviceA))));
        rules.add(rule(
                "POST /api/v1/slos/import",
                "slos.manage",
                MANAGER_A,
                201,
                RESPONDER_A,
                () -> yamlPost("/api/v1/slos/import?serviceId=" + serviceA, openSlo(uniq("matrix-import")))
                        .watching(slosOf(serviceA))));

        // Contact methods and notification rules are private: the person themselves (or users.manage).
        rules.add(own("POST /api/v1/users/{id}/contact-methods", LONER, 201, RESPONDER_A, () -> {
            String address = "https://hooks.example.com/" + uniq("matrix");
            return post(
                            "/api/v1/users/" + ids.get(LONER) + "/contact-methods",
                            "{\"type\":\"webhook\",\"address\":\"" + address + "\"}")
                    .watching(count("SELECT COUNT(*) FROM notify_contact_methods WHERE address = ?", address));
        }));
        rules.add(own("DELETE /api/v1/users/{id}/contact-methods/{contactMethodId}", LONER, 204, MANAGER_A, () -> {
            UUID method = contactMethod(ids.get(LONER));
            return delete("/api/v1/users/" + ids.get(LONER) + "/contact-methods/" + method)
                    .watching(count("SELECT COUNT(*) FROM notify_contact_methods WHERE id = ?", method));
        }));
        rules.add(own("POST /api/v1/users/{id}/notification-rules", LONER, 201, VIEWER, () -> {
            UUID method = contactMethod(ids.get(LONER));
            return post(
                            "/api/v1/users/" + ids.get(LONER) + "/notification-rules",
                            "{\"contactMethodId\":\"" + method + "\",\"delayMinutes\":5}")
                    .watching(count("SELECT COUNT(*) FROM notify_rules WHERE contact_method_id = ?", method));
        }));
        rules.add(own("DELETE /api/v1/users/{id}/notification-rules/{ruleId}", LONER, 204, RESPONDER_B, () -> {
            UUID rule = notificationRule(ids.get(LONER));
            return delete("/api/v1/users/" + ids.get(LONER) + "/notification-rules/" + rule)
                    .watching(count("SELECT COUNT(*) FROM notify_rules WHERE id = ?", rule));
        }));

        // Pages: the same facades, reached through form posts.
        rules.add(rule("POST /teams", "teams.create", ADMIN, 302, MANAGER_A, () -> {
            String name = uniq("matrix-team");
            return form("/teams", "name", name)
                    .watching(count("SELECT COUNT(*) FROM identity_teams WHERE name = ?", name));
        }));
        rules.add(rule("POST /teams/{id}/members", "team.members.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID user = user("member");
            return form("/teams/" + teamA + "/members", "userId", user.toString(), "role", "responder")
                    .watching(membership(teamA, user));
        }));
        rules.add(rule(
                "POST /teams/{id}/members/{userId}/role", "team.members.manage", MANAGER_A, 302, MANAGER_B, () -> {
                    UUID user = member(teamA, "responder");
                    return form("/teams/" + teamA + "/members/" + user + "/role", "role", "manager")
                            .watching(membership(teamA, user));
                }));
        rules.add(rule(
                "POST /teams/{id}/members/{userId}/remove", "team.members.manage", MANAGER_A, 302, RESPONDER_A, () -> {
                    UUID user = member(teamA, "responder");
                    return form("/teams/" + teamA + "/members/" + user + "/remove")
                            .watching(membership(teamA, user));
                }));
        rules.add(rule("POST /admin/users", "users.manage", ADMIN, 302, MANAGER_A, () -> {
            String username = uniq("matrix-user");
            return form(
                            "/admin/users",
                            "username",
                            username,
                            "name",
                            "New Person",
                            "password",
                            "new-person-password",
                            "role",
                            "member")
                    .watching(count("SELECT COUNT(*) FROM identity_users WHERE username = ?", username));
        }));
        rules.add(own(
                "POST /users/{id}",
                LONER,
                302,
                RESPONDER_A,
                () -> form("/users/" + ids.get(LONER), "name", uniq("Loner"))
                        .watching(value("SELECT display_name FROM identity_users WHERE id = ?", ids.get(LONER)))));
        rules.add(rule("POST /users/{id}/active", "users.manage", ADMIN, 302, MANAGER_A, () -> {
            UUID user = user("member");
            return form("/users/" + user + "/active", "active", "false")
                    .watching(value("SELECT active FROM identity_users WHERE id = ?", user));
        }));
        rules.add(own(
                "POST /users/{id}/password",
                LONER,
                302,
                RESPONDER_A,
                () -> form(
                                "/users/" + ids.get(LONER) + "/password",
                                "currentPassword",
                                password,
                                "newPassword",
                                password)
                        .watching(passwordHash(ids.get(LONER)))));
        rules.add(ownAccount("POST /tokens", 200, () -> {
            String name = uniq("matrix-token");
            return form("/tokens", "name", name, "readOnly", "false")
                    .watching(count("SELECT COUNT(*) FROM identity_api_tokens WHERE name = ?", name));
        }));
        rules.add(ownAccount("POST /tokens/{id}/revoke", 302, () -> {
            UUID token = spareTokenOfManagerA();
            return form("/tokens/" + token + "/revoke").watching(activeToken(token));
        }));
        rules.add(rule("POST /services", "services.manage", MANAGER_A, 302, MANAGER_B, () -> {
            String name = uniq("matrix-svc");
            return form("/services", "teamId", teamA.toString(), "name", name)
                    .watching(count("SELECT COUNT(*) FROM services_services WHERE name = ?", name));
        }));
        rules.add(rule("POST /services/{id}/auto-resolve", "services.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID service = service(teamA);
            return form("/services/" + service + "/auto-resolve", "autoResolve", "false")
                    .watching(view("/api/v1/services/" + service));
        }));
        rules.add(rule(
                "POST /services/{id}/integrations",
                "services.manage",
                MANAGER_A,
                200,
                MANAGER_B,
                () -> form("/services/" + serviceA + "/integrations", "type", "events-v2")
                        .watching(count("SELECT COUNT(*) FROM services_integrations WHERE service_id = ?", serviceA))));
        rules.add(rule("POST /integrations/{id}/enabled", "services.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID integration = integration(serviceA).id();
            return form("/integrations/" + integration + "/enabled", "enabled", "false")
                    .watching(integrationEnabled(integration));
        }));
        rules.add(rule("POST /services/{serviceId}/escalation", "services.manage", MANAGER_A, 200, MANAGER_B, () -> {
            UUID service = service(teamA);
            return form("/services/" + service + "/escalation", "policyId", policyA.toString())
                    .watching(view("/api/v1/services/" + service));
        }));
        rules.add(rule("POST /escalation-policies", "escalation.manage", MANAGER_A, 302, MANAGER_B, () -> {
            String name = uniq("matrix-policy");
            return policyForm("/escalation-policies", name, teamA)
                    .watching(count("SELECT COUNT(*) FROM escalation_policies WHERE name = ?", name));
        }));
        rules.add(rule("POST /escalation-policies/{id}", "escalation.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID policy = policy(teamA);
            return policyForm("/escalation-policies/" + policy, uniq("matrix-renamed"), teamA)
                    .watching(view("/api/v1/escalation-policies/" + policy));
        }));
        rules.add(rule("POST /escalation-policies/{id}/delete", "escalation.manage", MANAGER_A, 302, MANAGER_B, () -> {
            UUID policy = policy(teamA);
            return form("/escalation-policies/" + policy + "/delete")
                    .watching(view("/api/v1/escalation-policies/" + policy));
        }));
        rules.add(incidentRule(
                "POST /incidents/{id}/acknowledge",
                "incidents.respond",
                200,
                RESPONDER_B,
                id -> form("/incidents/" + id + "/acknowledge")));
        rules.add(incidentRule(
                "POST /incidents/{id}/resolve",
                "incidents.respond",
                200,
                LONER,
                id -> form("/incidents/" + id + "/resolve")));
        rules.add(incidentRule(
                "POST /incidents/{id}/notes",
                "incidents.respond",
                200,
                VIEWER,
                id -> form("/incidents/" + id + "/notes", "text", "looking into it")));
        rules.add(incidentRule(
                "POST /incidents/{id}/priority",
                "incidents.classify",
                200,
                MANAGER_B,
                id -> form("/incidents/" + id + "/priority", "priority", "P2", "reason", "spreading")));
        rules.add(incidentRule(
                "POST /incidents/{id}/severity",
                "incidents.classify",
                200,
                RESPONDER_B,
                id -> form("/incidents/" + id + "/severity", "severity", "Error", "reason", "spreading")));
        rules.add(incidentRule(
                "POST /incidents/{id}/roles",
                "incidents.classify",
                200,
                LONER,
                id -> form(
                        "/incidents/" + id + "/roles",
                        "role",
                        COORDINATOR,
                        "userId",
                        ids.get(RESPONDER_A).toString())));
        rules.add(incidentRule("POST /incidents/{id}/roles/unassign", "incidents.classify", 200, MANAGER_B, id -> {
            assignCoordinator(id);
            return form("/incidents/" + id + "/roles/unassign", "role", COORDINATOR, "reason", "handed back");
        }));
        rules.add(incidentRule(
                "POST /incidents/{id}/teams",
                "incidents.classify",
                200,
                VIEWER,
                id -> form("/incidents/" + id + "/teams", "teamId", teamB.toString())));
        rules.add(ownAccount(
                "POST /oncall/my-feed", 200, () -> form("/oncall/my-feed").watching(feedsOf(ids.get(MANAGER_A)))));
        rules.add(rule("POST /rotations", "rotations.manage", MANAGER_A, 302, MANAGER_B, () -> {
            String name = uniq("matrix-rotation");
            return rotationForm("/rotations", name)
                    .watching(count("SELECT COUNT(*) FROM oncall_rotations WHERE name = ?", name));
        }));
        rules.add(rule("POST /rotations/{id}", "rotations.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID rotation = rotation(teamA);
            return rotationForm("/rotations/" + rotation, uniq("matrix-renamed"))
                    .watching(view("/api/v1/rotations/" + rotation));
        }));
        rules.add(rule("POST /rotations/{id}/delete", "rotations.manage", MANAGER_A, 302, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            return form("/rotations/" + rotation + "/delete").watching(view("/api/v1/rotations/" + rotation));
        }));
        rules.add(rule("POST /rotations/{id}/overrides", "shifts.cover", RESPONDER_A, 302, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            String day = rotationStart.plusDays(1).toString();
            return form(
                            "/rotations/" + rotation + "/overrides",
                            "userId",
                            ids.get(RESPONDER_A).toString(),
                            "replacesUserId",
                            ids.get(MANAGER_A).toString(),
                            "from",
                            day + "T12:00",
                            "until",
                            day + "T18:00")
                    .watching(overrides(rotation));
        }));
        rules.add(rule(
                "POST /rotations/{id}/overrides/{overrideId}/cancel",
                "shifts.cover",
                RESPONDER_A,
                302,
                RESPONDER_B,
                () -> {
                    UUID rotation = rotation(teamA);
                    UUID override = override(rotation);
                    return form("/rotations/" + rotation + "/overrides/" + override + "/cancel")
                            .watching(activeOverride(override));
                }));
        rules.add(rule("POST /rotations/{id}/swaps", "shifts.cover", RESPONDER_A, 302, MANAGER_B, () -> {
            UUID rotation = rotation(teamA);
            return form(
                            "/rotations/" + rotation + "/swaps",
                            "shiftStart",
                            shiftStart(0).toString(),
                            "withShiftStart",
                            shiftStart(1).toString())
                    .watching(overrides(rotation));
        }));
        rules.add(rule(
                "POST /rotations/{id}/calendar-feeds",
                "shifts.cover",
                RESPONDER_A,
                200,
                LONER,
                () -> form("/rotations/" + rotationA + "/calendar-feeds").watching(feedsOf(rotationA))));
        rules.add(rule("POST /calendar-feeds/{id}/revoke", "shifts.cover", RESPONDER_A, 302, MANAGER_B, () -> {
            UUID feed = rotationFeed(rotationA);
            return form("/calendar-feeds/" + feed + "/revoke").watching(activeFeed(feed));
        }));
        rules.add(rule("POST /slos", "slos.manage", MANAGER_A, 302, MANAGER_B, () -> {
            String name = uniq("matrix-slo");
            return form("/slos", "serviceId", serviceA.toString(), "name", name, "objective", "99.5", "window", "P28D")
                    .watching(count("SELECT COUNT(*) FROM slo_slos WHERE name = ?", name));
        }));
        rules.add(rule("POST /slos/{id}", "slos.manage", MANAGER_A, 302, RESPONDER_A, () -> {
            UUID slo = slo(serviceA);
            return form(
                            "/slos/" + slo,
                            "name",
                            uniq("matrix-renamed"),
                            "objective",
                            "99.5",
                            "window",
                            "P28D",
                            "alertingStyle",
                            "keep")
                    .watching(value("SELECT name FROM slo_slos WHERE id = ?", slo));
        }));
        rules.add(rule("POST /slos/{id}/delete", "slos.manage", MANAGER_A, 302, MANAGER_B, () -> {
            UUID slo = slo(serviceA);
            return form("/slos/" + slo + "/delete").watching(count("SELECT COUNT(*) FROM slo_slos WHERE id = ?", slo));
        }));
        rules.add(rule(
                "POST /slos/{id}/evaluate",
                "slos.manage",
                MANAGER_A,
                302,
                RESPONDER_A,
                () -> form("/slos/" + sloA + "/evaluate")));
        rules.add(rule(
                "POST /services/{serviceId}/alert-rules", "alert-rules.manage", MANAGER_A, 200, MANAGER_B, () -> {
                    UUID service = service(teamA);
                    return form(
                                    "/services/" + service + "/alert-rules",
                                    "name",
                                    uniq("matrix-rule"),
                                    "field",
                                    "payload.severity",
                                    "op",
                                    "equals",
                                    "value",
                                    "critical",
                                    "priority",
                                    "P1")
                            .watching(ruleOrder(service));
                }));
        rules.add(rule("POST /alert-rules/{ruleId}/move", "alert-rules.manage", MANAGER_A, 200, RESPONDER_A, () -> {
            UUID service = service(teamA);
            alertRule(service);
            UUID second = alertRule(service);
            return form("/alert-rules/" + second + "/move", "direction", "up").watching(ruleOrder(service));
        }));
        rules.add(rule("POST /alert-rules/{ruleId}/delete", "alert-rules.manage", MANAGER_A, 200, MANAGER_B, () -> {
            UUID service = service(teamA);
            UUID rule = alertRule(service);
            return form("/alert-rules/" + rule + "/delete").watching(ruleOrder(service));
        }));
        rules.add(rule(
                "POST /services/{serviceId}/alert-rules/default",
                "alert-rules.manage",
                MANAGER_A,
                200,
                RESPONDER_A,
                () -> {
                    UUID service = service(teamA);
                    return form("/services/" + service + "/alert-rules/default", "priority", "P3")
                            .watching(serviceDefault(service));
                }));
        rules.add(rule(
                "POST /classification",
                "classification.manage",
                ADMIN,
                200,
                MANAGER_A,
                () -> form(
                                "/classification",
                                "document",
                                admin.get("/api/v1/classification", YAML)
                                        .expect(200)
                                        .body())
                        .watching(count("SELECT COUNT(*) FROM classification_versions"))));
        rules.add(own("POST /notifications/{userId}/contact-methods", LONER, 302, RESPONDER_A, () -> {
            String address = "https://hooks.example.com/" + uniq("matrix");
            return form(
                            "/notifications/" + ids.get(LONER) + "/contact-methods",
                            "type",
                            "webhook",
                            "address",
                            address,
                            "notifyImmediately",
                            "true")
                    .watching(count("SELECT COUNT(*) FROM notify_contact_methods WHERE address = ?", address));
        }));
        rules.add(own("POST /notifications/{userId}/contact-methods/{id}/delete", LONER, 302, MANAGER_B, () -> {
            UUID method = contactMethod(ids.get(LONER));
            return form("/notifications/" + ids.get(LONER) + "/contact-methods/" + method + "/delete")
                    .watching(count("SELECT COUNT(*) FROM notify_contact_methods WHERE id = ?", method));
        }));
        rules.add(own("POST /notifications/{userId}/rules", LONER, 302, VIEWER, () -> {
            UUID method = contactMethod(ids.get(LONER));
            return form(
                            "/notifications/" + ids.get(LONER) + "/rules",
                            "contactMethodId",
                            method.toString(),
                            "delayMinutes",
                            "5")
                    .watching(count("SELECT COUNT(*) FROM notify_rules WHERE contact_method_id = ?", method));
        }));
        rules.add(own("POST /notifications/{userId}/rules/{id}/delete", LONER, 302, MANAGER_A, () -> {
            UUID rule = notificationRule(ids.get(LONER));
            return form("/notifications/" + ids.get(LONER) + "/rules/" + rule + "/delete")
                    .watching(count("SELECT COUNT(*) FROM notify_rules WHERE id = ?", rule));
        }));

        // Public: the URL carries its own credential, or the endpoint only renders another request's error.
        rules.add(open(
                "POST /ack/{token}",
                404,
                "the signed token in the URL is the credential (a paged person acknowledges from a message)",
                () -> new Call("POST", "/ack/" + uniq("forged"), null, null, JSON, null)));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            rules.add(new Rule(
                    method + " /error",
                    "public",
                    null,
                    LONER,
                    405,
                    null,
                    "ErrorPageController maps /error without a method condition: the container forwards failed requests"
                            + " of any method there to render their error, and it changes nothing (exercised through"
                            + " such a request: " + method + " on a GET-only path)",
                    () -> send(method, "/api/v1/me", method.equals("DELETE") ? null : "{}")));
        }
        return rules.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The tests
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void everyMutatingEndpointHasAPermissionRule() {
        Set<String> endpoints = new TreeSet<>();
        Set<String> withoutMethodCondition = new TreeSet<>();
        Set<RequestMethod> mutating =
                EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
        handlerMapping.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<String> patterns = info.getPathPatternsCondition() != null
                    ? info.getPathPatternsCondition().getPatternValues()
                    : info.getPatternValues();
            if (methods.isEmpty()) {
                withoutMethodCondition.add(patterns + " -> " + handler.getShortLogMessage());
                methods = mutating;
            }
            for (RequestMethod method : methods) {
                if (mutating.contains(method)) {
                    patterns.forEach(pattern -> endpoints.add(method + " " + pattern));
                }
            }
        });
        Map<String, Rule> table = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        rules().forEach(rule -> {
            if (table.put(rule.endpoint(), rule) != null) {
                duplicates.add(rule.endpoint());
            }
        });

        Set<String> withoutRule = new TreeSet<>(endpoints);
        withoutRule.removeAll(table.keySet());
        Set<String> withoutEndpoint = new TreeSet<>(table.keySet());
        withoutEndpoint.removeAll(endpoints);

        var soft = new SoftAssertions();
        soft.assertThat(withoutRule)
                .as(
                        "state-changing endpoints without a permission rule (handler methods without a method condition,"
                                + " counted as every method: %s)",
                        withoutMethodCondition)
                .isEmpty();
        soft.assertThat(withoutEndpoint).as("rules without an endpoint").isEmpty();
        soft.assertThat(duplicates).as("endpoints with two rules").isEmpty();
        soft.assertThat(table.values().stream().filter(Rule::isPublic).map(Rule::endpoint))
                .as("the public state-changing endpoints")
                .containsExactlyInAnyOrder(
                        "POST /ack/{token}", "POST /error", "PUT /error", "PATCH /error", "DELETE /error");
        soft.assertThat(table.values().stream()
                        .filter(rule -> !rule.isPublic())
                        .filter(rule -> rule.refused() == null || rule.refused() == rule.allowed()))
                .as("rules without a refused role")
                .isEmpty();
        soft.assertThat(table.values().stream().filter(Rule::isPublic).filter(rule -> rule.why() == null))
                .as("public rules without a reason")
                .isEmpty();
        soft.assertAll();
        assertThat(endpoints).as("the handler mapping was read").hasSizeGreaterThan(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRefusedRoleIsRefusedAndChangesNothingWhileTheAllowedRoleIsServed(Rule rule) {
        var soft = new SoftAssertions();
        // One fixture for both requests: the refused one must leave it as it was, so the allowed one still can use it.
        Call call = rule.call().get();
        if (rule.isPublic()) {
            var response = send(rule.allowed(), call);
            soft.assertThat(response.status())
                    .as("%s as %s: %s", rule, rule.allowed(), abbreviated(response.body()))
                    .isEqualTo(rule.allowedStatus());
            soft.assertAll();
            return;
        }

        Object before = call.state() == null ? null : call.state().get();
        var refused = send(rule.refused(), call);
        int expected = 403;
        soft.assertThat(refused.status())
                .as("%s as %s: %s", rule, rule.refused(), abbreviated(refused.body()))
                .isEqualTo(expected);
        if (call.api() && refused.status() == 403) {
            soft.assertThat(refused.contentType())
                    .as("%s as %s answers a problem detail", rule, rule.refused())
                    .startsWith("application/problem+json");
            soft.assertThat(permissionOf(refused))
                    .as("%s as %s names the missing permission: %s", rule, rule.refused(), refused.body())
                    .isEqualTo(rule.refusalNames());
        }
        if (call.state() != null) {
            soft.assertThat(call.state().get())
                    .as("%s as %s changed nothing", rule, rule.refused())
                    .isEqualTo(before);
        }

        var allowed = send(rule.allowed(), call);
        soft.assertThat(allowed.status())
                .as("%s as %s: %s", rule, rule.allowed(), abbreviated(allowed.body()))
                .isEqualTo(rule.allowedStatus());
        if (call.state() != null) {
            soft.assertThat(call.state().get())
                    .as(
                            "%s as %s changed what the rule watches (so 'changed nothing' means something)",
                            rule, rule.allowed())
                    .isNotEqualTo(before);
        }
        soft.assertAll();
    }

    @Test
    void aManagerOfTeamACannotChangeTeamBsRotationEscalationPolicyServiceSloOrIntegration() {
        Map<String, Call> changesToTeamB = new LinkedHashMap<>();
        changesToTeamB.put(
                "rotations.manage",
                put("/api/v1/rotations/" + rotationB, rotationJson(uniq("matrix-taken-over"), teamB))
                        .watching(view("/api/v1/rotations/" + rotationB)));
        changesToTeamB.put(
                "escalation.manage",
                put("/api/v1/escalation-policies/" + policyB, policyJson(uniq("matrix-taken-over"), teamB))
                        .watching(view("/api/v1/escalation-policies/" + policyB)));
        changesToTeamB.put(
                "services.manage",
                put("/api/v1/services/" + serviceB, "{\"name\":\"" + uniq("matrix-taken-over") + "\"}")
                        .watching(view("/api/v1/services/" + serviceB)));
        changesToTeamB.put(
                "slos.manage",
                put("/api/v1/slos/" + sloB, sloJson(serviceB, uniq("matrix-taken-over")))
                        .watching(value("SELECT name FROM slo_slos WHERE id = ?", sloB)));
        var integrationChange = send("PATCH", "/api/v1/integrations/" + integrationB, "{\"enabled\":false}")
                .watching(integrationEnabled(integrationB));

        var soft = new SoftAssertions();
        changesToTeamB.forEach((permission, call) -> expectRefused(soft, MANAGER_A, call, permission, teamB));
        expectRefused(soft, MANAGER_A, integrationChange, "services.manage", teamB);
        // The very same requests are fine for team B's own manager.
        changesToTeamB
                .values()
                .forEach(call -> soft.assertThat(send(MANAGER_B, call).status())
                        .as("%s %s as MANAGER_B", call.method(), call.path())
                        .isEqualTo(200));
        soft.assertThat(send(MANAGER_B, integrationChange).status()).isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void aResponderOfTeamAAcknowledgesTeamAsIncidentsButNotTeamBs() {
        UUID incidentOfB = incident(incidentKeyB);
        UUID incidentOfA = incident(incidentKeyA);

        var soft = new SoftAssertions();
        expectRefused(
                soft,
                RESPONDER_A,
                post("/api/v1/incidents/" + incidentOfB + "/acknowledge", null).watching(incidentState(incidentOfB)),
                "incidents.respond",
                teamB);
        var acknowledged = send(RESPONDER_A, post("/api/v1/incidents/" + incidentOfA + "/acknowledge", null));
        soft.assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        if (acknowledged.status() == 200) {
            soft.assertThat(acknowledged.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
        }
        soft.assertThat(admin.get("/api/v1/incidents/" + incidentOfB)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("TRIGGERED");
        soft.assertAll();
    }

    @Test
    void onceTeamBIsInvolvedItsRespondersMayActOnTeamAsIncident() {
        UUID incident = incident(incidentKeyA);
        var soft = new SoftAssertions();
        expectRefused(
                soft,
                RESPONDER_B,
                post("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"not yet\"}")
                        .watching(incidentState(incident)),
                "incidents.respond",
                teamA);
        soft.assertThat(send(
                                RESPONDER_A,
                                post("/api/v1/incidents/" + incident + "/teams", "{\"teamId\":\"" + teamB + "\"}"))
                        .status())
                .isEqualTo(200);
        soft.assertThat(send(RESPONDER_B, post("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"on it\"}"))
                        .status())
                .isEqualTo(201);
        soft.assertAll();
    }

    @Test
    void aViewerCanChangeNothing() {
        UUID incident = incident(incidentKeyA);
        String team = uniq("matrix-viewer-team");
        var soft = new SoftAssertions();
        expectRefused(
                soft,
                VIEWER,
                post("/api/v1/teams", "{\"name\":\"" + team + "\"}")
                        .watching(count("SELECT COUNT(*) FROM identity_teams WHERE name = ?", team)),
                "teams.create",
                null);
        expectRefused(
                soft,
                VIEWER,
                put("/api/v1/services/" + serviceA, "{\"description\":\"viewer was here\"}")
                        .watching(view("/api/v1/services/" + serviceA)),
                "services.manage",
                teamA);
        expectRefused(
                soft,
                VIEWER,
                post("/api/v1/incidents/" + incident + "/acknowledge", null).watching(incidentState(incident)),
                "incidents.respond",
                teamA);
        expectRefused(
                soft,
                VIEWER,
                post("/api/v1/rotations", rotationJson(uniq("matrix-viewer"), teamA))
                        .watching(rotationsOf(teamA)),
                "rotations.manage",
                teamA);
        expectRefused(soft, VIEWER, post("/api/v1/slos/" + sloA + "/evaluate", null), "slos.manage", teamA);
        expectRefused(
                soft,
                VIEWER,
                send("PATCH", "/api/v1/users/" + ids.get(VIEWER), "{\"role\":\"member\"}")
                        .watching(view("/api/v1/users/" + ids.get(VIEWER))),
                "users.manage",
                null);
        // Viewers hold no team role at all, so nobody can give them one.
        var made = admin.post(
                "/api/v1/teams/" + teamA + "/members", "{\"userId\":\"" + ids.get(VIEWER) + "\",\"role\":\"manager\"}");
        soft.assertThat(made.status()).as(made.body()).isEqualTo(409);
        // They read everything that is not private.
        soft.assertThat(send(VIEWER, get("/api/v1/incidents")).status()).isEqualTo(200);
        var me = send(VIEWER, get("/api/v1/me")).json();
        soft.assertThat(me.get("permissions").toString()).isEqualTo("[\"account.manage\"]");
        soft.assertAll();
    }

    @Test
    void aReadOnlyTokenReadsEverythingButEveryWriteAnswers403AndChangesNothing() {
        var created = as(MANAGER_A)
                .post("/api/v1/tokens", "{\"name\":\"grafana\",\"readOnly\":true}")
                .expect(201)
                .json();
        UUID tokenId = uuid(created.get("token").get("id"));
        var grafana = Api.bearer(port, created.get("secret").asString());
        UUID incident = incident(incidentKeyA);

        var soft = new SoftAssertions();
        for (String path : List.of(
                "/api/v1/services/" + serviceA,
                "/api/v1/incidents/" + incident,
                "/api/v1/rotations/" + rotationA,
                "/api/v1/slos/" + sloA,
                "/api/v1/tokens")) {
            soft.assertThat(grafana.get(path).status()).as("GET " + path).isEqualTo(200);
        }
        var me = grafana.get("/api/v1/me").json();
        soft.assertThat(me.get("readOnly").asBoolean()).isTrue();
        soft.assertThat(me.get("permissions").size()).isZero();

        List<Call> writes = List.of(
                put("/api/v1/services/" + serviceA, "{\"description\":\"read-only was here\"}")
                        .watching(view("/api/v1/services/" + serviceA)),
                post("/api/v1/rotations", rotationJson(uniq("matrix-read-only"), teamA))
                        .watching(rotationsOf(teamA)),
                post("/api/v1/incidents/" + incident + "/acknowledge", null).watching(incidentState(incident)),
                post("/api/v1/slos/" + sloA + "/events", "{\"events\":[]}")
                        .watching(count("SELECT COUNT(*) FROM slo_buckets WHERE slo_id = ?", sloA)),
                post("/api/v1/tokens", "{\"name\":\"grafana-2\"}")
                        .watching(count(
                                "SELECT COUNT(*) FROM identity_api_tokens WHERE user_id = ?", ids.get(MANAGER_A))),
                delete("/api/v1/tokens/" + tokenId).watching(activeToken(tokenId)),
                form("/services/" + serviceA + "/auto-resolve", "autoResolve", "false")
                        .watching(view("/api/v1/services/" + serviceA)));
        for (Call write : writes) {
            Object before = write.state().get();
            var response = sendWithToken(created.get("secret").asString(), write);
            soft.assertThat(response.status())
                    .as("%s %s with a read-only token: %s", write.method(), write.path(), response.body())
                    .isEqualTo(403);
            soft.assertThat(write.state().get())
                    .as("%s %s with a read-only token changed nothing", write.method(), write.path())
                    .isEqualTo(before);
        }
        // The token still works: the refusals did not revoke it.
        soft.assertThat(grafana.get("/api/v1/teams").status()).isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void whatBelongsToOnePersonIsTheirsAndTheAdministrators() {
        UUID loner = ids.get(LONER);
        UUID feed = uuid(as(LONER)
                .post("/api/v1/users/" + loner + "/calendar-feeds", "")
                .expect(201)
                .json()
                .get("id"));
        UUID token = uuid(as(LONER)
                .post("/api/v1/tokens", "{\"name\":\"" + uniq("matrix-loner") + "\"}")
                .expect(201)
                .json()
                .get("token")
                .get("id"));

        var soft = new SoftAssertions();
        expectRefused(
                soft,
                RESPONDER_A,
                delete("/api/v1/calendar-feeds/" + feed).watching(activeFeed(feed)),
                "users.manage",
                null);
        expectRefused(soft, MANAGER_A, get("/api/v1/users/" + loner + "/contact-methods"), "users.manage", null);
        // Tokens are looked up among the caller's own: someone else's is not even found (404, not 403).
        soft.assertThat(send(MANAGER_A, delete("/api/v1/tokens/" + token)).status())
                .isEqualTo(404);
        soft.assertThat(activeToken(token).get()).isEqualTo(1L);
        // Administrators manage people, their contact methods included.
        soft.assertThat(send(ADMIN, get("/api/v1/users/" + loner + "/contact-methods"))
                        .status())
                .isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void aResponderCoversOnlyShiftsTheyTakePartIn() {
        UUID rotation = rotation(teamA);
        UUID someoneElse = user("member");
        var soft = new SoftAssertions();
        String day = rotationStart.plusDays(2).toString();
        expectRefused(
                soft,
                RESPONDER_A,
                post(
                                "/api/v1/rotations/" + rotation + "/overrides",
                                "{\"userId\":\"" + someoneElse + "\",\"replacesUserId\":\"" + ids.get(MANAGER_A)
                                        + "\",\"from\":\"" + day + "T12:00:00Z\",\"until\":\"" + day
                                        + "T18:00:00Z\"}")
                        .watching(overrides(rotation)),
                "rotations.manage",
                teamA);
        soft.assertThat(send(MANAGER_A, post("/api/v1/rotations/" + rotation + "/overrides", """
                                {"userId":"%s","replacesUserId":"%s","from":"%sT12:00:00Z","until":"%sT18:00:00Z"}""".formatted(
                                        someoneElse, ids.get(RESPONDER_A), day, day)))
                        .status())
                .as("the team's manager puts anyone on call")
                .isEqualTo(201);
        soft.assertAll();
    }

    @Test
    void organisationWideEscalationPoliciesAreTheAdministratorsAndNobodyMakesThemselvesOne() {
        String name = uniq("matrix-org-policy");
        var soft = new SoftAssertions();
        expectRefused(
                soft,
                MANAGER_A,
                post("/api/v1/escalation-policies", policyJson(name, null))
                        .watching(count("SELECT COUNT(*) FROM escalation_policies WHERE name = ?", name)),
                "escalation.manage",
                null);
        expectRefused(
                soft,
                MANAGER_A,
                send("PATCH", "/api/v1/users/" + ids.get(MANAGER_A), "{\"role\":\"admin\"}")
                        .watching(view("/api/v1/users/" + ids.get(MANAGER_A))),
                "users.manage",
                null);
        expectRefused(
                soft,
                MANAGER_A,
                post(
                                "/api/v1/teams/" + teamB + "/members",
                                "{\"userId\":\"" + ids.get(MANAGER_A) + "\",\"role\":\"manager\"}")
                        .watching(membership(teamB, ids.get(MANAGER_A))),
                "team.members.manage",
                teamB);
        soft.assertThat(send(ADMIN, post("/api/v1/escalation-policies", policyJson(name, null)))
                        .status())
                .isEqualTo(201);
        soft.assertAll();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rule builders
    // ---------------------------------------------------------------------------------------------------------

    private static Rule rule(
            String endpoint, String permission, Who allowed, int status, Who refused, Supplier<Call> call) {
        return new Rule(endpoint, permission, permission, allowed, status, refused, null, call);
    }

    /** Things of one person (contact methods, feeds, profile): the person themselves; anyone else needs users.manage. */
    private static Rule own(String endpoint, Who allowed, int status, Who refused, Supplier<Call> call) {
        return new Rule(
                endpoint,
                "account.manage",
                "users.manage",
                allowed,
                status,
                refused,
                "one's own, or anyone's with users.manage",
                call);
    }

    /**
     * The caller's own password, tokens and personal feed: every signed-in person holds account.manage, so the closest
     * miss is the same person's read-only token, which the CallerFilter refuses before any controller runs (its
     * problem detail names no permission).
     */
    private static Rule ownAccount(String endpoint, int status, Supplier<Call> call) {
        return new Rule(
                endpoint,
                "account.manage",
                null,
                MANAGER_A,
                status,
                MANAGER_A_READ_ONLY_TOKEN,
                "the caller's own account",
                call);
    }

    private static Rule open(String endpoint, int status, String why, Supplier<Call> call) {
        return new Rule(endpoint, "public", null, ANONYMOUS, status, null, why, call);
    }

    /** Something done to a fresh incident of team A: its responders may, {@code refused} may not. */
    private Rule incidentRule(String endpoint, String permission, int status, Who refused, Function<UUID, Call> call) {
        return rule(endpoint, permission, RESPONDER_A, status, refused, () -> {
            UUID incident = incident(incidentKeyA);
            return call.apply(incident).watching(incidentState(incident));
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------

    private static Call get(String path) {
        return new Call("GET", path, null, null, JSON, null);
    }

    private static Call post(String path, String json) {
        return send("POST", path, json);
    }

    private static Call put(String path, String json) {
        return send("PUT", path, json);
    }

    private static Call delete(String path) {
        return new Call("DELETE", path, null, null, JSON, null);
    }

    private static Call send(String method, String path, String json) {
        return new Call(method, path, json, json == null ? null : JSON, JSON, null);
    }

    private static Call yamlPost(String path, String yaml) {
        return new Call("POST", path, yaml, YAML, JSON, null);
    }

    private static Call form(String path, String... pairs) {
        var body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return new Call("POST", path, body.toString(), FORM, HTML, null);
    }

    private Api.Response send(Who who, Call call) {
        return sendWithToken(who == ANONYMOUS ? null : tokens.get(who), call);
    }

    private Api.Response sendWithToken(String token, Call call) {
        Api caller = token == null ? Api.anonymous(port) : Api.bearer(port, token);
        return caller.send(call.method(), call.path(), call.body(), call.contentType(), call.accept());
    }

    private void expectRefused(SoftAssertions soft, Who who, Call call, String permission, UUID teamId) {
        Object before = call.state() == null ? null : call.state().get();
        var response = send(who, call);
        String what = call.method() + " " + call.path() + " as " + who;
        soft.assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(403);
        if (response.status() == 403) {
            JsonNode problem = response.json();
            soft.assertThat(permissionOf(response))
                    .as("%s names the permission", what)
                    .isEqualTo(permission);
            JsonNode team = problem.get("teamId");
            soft.assertThat(team == null || team.isNull() ? null : team.asString())
                    .as("%s names the team", what)
                    .isEqualTo(teamId == null ? null : teamId.toString());
        }
        if (call.state() != null) {
            soft.assertThat(call.state().get()).as("%s changed nothing", what).isEqualTo(before);
        }
    }

    private static String permissionOf(Api.Response response) {
        JsonNode permission = response.json().get("permission");
        return permission == null || permission.isNull() ? null : permission.asString();
    }

    private static String abbreviated(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    // ---------------------------------------------------------------------------------------------------------
    // What a request may change
    // ---------------------------------------------------------------------------------------------------------

    private Supplier<Object> count(String sql, Object... params) {
        return () -> jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private Supplier<Object> value(String sql, Object... params) {
        return () -> jdbc.sql(sql).params(params).query().listOfRows().toString();
    }

    private Supplier<Object> view(String path) {
        return () -> {
            var response = admin.get(path);
            return response.status() + " " + response.body();
        };
    }

    private Supplier<Object> membership(UUID team, UUID user) {
        return value("SELECT team_role FROM identity_team_members WHERE team_id = ? AND user_id = ?", team, user);
    }

    private Supplier<Object> passwordHash(UUID user) {
        return value("SELECT password_hash FROM identity_users WHERE id = ?", user);
    }

    private Supplier<Object> activeToken(UUID token) {
        return count("SELECT COUNT(*) FROM identity_api_tokens WHERE id = ? AND revoked_at IS NULL", token);
    }

    private Supplier<Object> integrationEnabled(UUID integration) {
        return value("SELECT enabled FROM services_integrations WHERE id = ?", integration);
    }

    private Supplier<Object> incidentState(UUID incident) {
        Supplier<Object> incidentView = view("/api/v1/incidents/" + incident);
        Supplier<Object> timeline = view("/api/v1/incidents/" + incident + "/timeline");
        return () -> List.of(incidentView.get(), timeline.get());
    }

    private Supplier<Object> rotationsOf(UUID team) {
        return count("SELECT COUNT(*) FROM oncall_rotations WHERE team_id = ?", team);
    }

    private Supplier<Object> overrides(UUID rotation) {
        return count("SELECT COUNT(*) FROM oncall_overrides WHERE rotation_id = ?", rotation);
    }

    private Supplier<Object> activeOverride(UUID override) {
        return count("SELECT COUNT(*) FROM oncall_overrides WHERE id = ? AND cancelled_at IS NULL", override);
    }

    private Supplier<Object> feedsOf(UUID subject) {
        return count("SELECT COUNT(*) FROM oncall_calendar_feeds WHERE subject_id = ?", subject);
    }

    private Supplier<Object> activeFeed(UUID feed) {
        return count("SELECT COUNT(*) FROM oncall_calendar_feeds WHERE id = ? AND revoked_at IS NULL", feed);
    }

    private Supplier<Object> ruleOrder(UUID service) {
        return value("SELECT name FROM classification_alert_rules WHERE service_id = ? ORDER BY position", service);
    }

    private Supplier<Object> serviceDefault(UUID service) {
        return value(
                "SELECT opens_incident, priority FROM classification_service_defaults WHERE service_id = ?", service);
    }

    private Supplier<Object> slosOf(UUID service) {
        return count("SELECT COUNT(*) FROM slo_slos WHERE service_id = ?", service);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Fixtures, made through the API as the administrator
    // ---------------------------------------------------------------------------------------------------------

    private String uniq(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID uuid(JsonNode node) {
        return UUID.fromString(node.asString());
    }

    private Api as(Who who) {
        return Api.bearer(port, tokens.get(who));
    }

    private static String createToken(Api as, String name, boolean readOnly) {
        return as.post("/api/v1/tokens", "{\"name\":\"" + name + "\",\"readOnly\":" + readOnly + "}")
                .expect(201)
                .json()
                .get("secret")
                .asString();
    }

    /** A person with a role, optionally in a team, who calls with a personal API token. */
    private void person(Who who, String role, UUID team, String teamRole) {
        String username = ("matrix-" + who.name().replace('_', '-') + "-" + suffix).toLowerCase(java.util.Locale.ROOT);
        UUID id = uuid(admin.post(
                        "/api/v1/users",
                        "{\"username\":\"" + username + "\",\"name\":\"" + who + " " + suffix + "\",\"password\":\""
                                + password + "\",\"role\":\"" + role + "\"}")
                .expect(201)
                .json()
                .get("id"));
        if (team != null) {
            admin.post(
                            "/api/v1/teams/" + team + "/members",
                            "{\"userId\":\"" + id + "\",\"role\":\"" + teamRole + "\"}")
                    .expect(201);
        }
        ids.put(who, id);
        usernames.put(who, username);
        tokens.put(who, createToken(Api.basic(port, username, password), "matrix", false));
    }

    private UUID team(String prefix) {
        return uuid(admin.post("/api/v1/teams", "{\"name\":\"" + uniq(prefix) + "\"}")
                .expect(201)
                .json()
                .get("id"));
    }

    /** Someone to act on; without a password, as people who are only paged are (saves a bcrypt round). */
    private UUID user(String role) {
        return uuid(admin.post(
                        "/api/v1/users",
                        "{\"username\":\"" + uniq("matrix-person") + "\",\"name\":\"Someone\",\"role\":\"" + role
                                + "\"}")
                .expect(201)
                .json()
                .get("id"));
    }

    private UUID member(UUID team, String teamRole) {
        UUID user = user("member");
        admin.post("/api/v1/teams/" + team + "/members", "{\"userId\":\"" + user + "\",\"role\":\"" + teamRole + "\"}")
                .expect(201);
        return user;
    }

    private UUID service(UUID team) {
        return uuid(
                admin.post("/api/v1/services", "{\"name\":\"" + uniq("matrix-svc") + "\",\"teamId\":\"" + team + "\"}")
                        .expect(201)
                        .json()
                        .get("id"));
    }

    record Integration(UUID id, String key) {}

    private Integration integration(UUID service) {
        var created = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json();
        return new Integration(
                uuid(created.get("integration").get("id")), created.get("key").asString());
    }

    /** Opens an incident through intake, the way a monitoring tool does. */
    private UUID incident(String routingKey) {
        String title = uniq("matrix incident");
        admin.post("/v2/enqueue", """
                        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                         "payload":{"summary":"%s","source":"matrix","severity":"error"}}""".formatted(routingKey, UUID.randomUUID(), title))
                .expect(202);
        // A 202 means the event and its incident are committed: no waiting.
        return jdbc.sql("SELECT id FROM incidents_incidents WHERE title = ?")
                .param(title)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional()
                .orElseThrow(() -> new AssertionError("No incident was opened for " + title));
    }

    private void assignCoordinator(UUID incident) {
        admin.post(
                        "/api/v1/incidents/" + incident + "/roles",
                        "{\"role\":\"" + COORDINATOR + "\",\"userId\":\"" + ids.get(MANAGER_A) + "\"}")
                .expect(200);
    }

    /** Weekly shifts from two weeks ahead, in UTC: managerA first, then responderA. */
    private String rotationJson(String name, UUID team) {
        return """
                {"name":"%s","teamId":"%s","role":"Technical expert","participants":["%s","%s"],
                 "shiftLength":"P7D","handoffTime":"09:00","timeZone":"UTC","start":"%s"}""".formatted(name, team, ids.get(MANAGER_A), ids.get(RESPONDER_A), rotationStart);
    }

    private Call rotationForm(String path, String name) {
        return form(
                path,
                "name",
                name,
                "teamId",
                teamA.toString(),
                "role",
                "Technical expert",
                "participants",
                usernames.get(MANAGER_A) + "\n" + usernames.get(RESPONDER_A),
                "shiftLength",
                "P7D",
                "handoffTime",
                "09:00",
                "timeZone",
                "UTC",
                "start",
                rotationStart.toString());
    }

    private UUID rotation(UUID team) {
        return uuid(admin.post("/api/v1/rotations", rotationJson(uniq("matrix-rotation"), team))
                .expect(201)
                .json()
                .get("id"));
    }

    private Instant shiftStart(int shift) {
        return rotationStart.plusDays(7L * shift).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    /** responderA covers managerA for an afternoon. */
    private String overrideJson() {
        String day = rotationStart.plusDays(1).toString();
        return """
                {"userId":"%s","replacesUserId":"%s","from":"%sT12:00:00Z","until":"%sT18:00:00Z"}""".formatted(ids.get(RESPONDER_A), ids.get(MANAGER_A), day, day);
    }

    private String swapJson() {
        return "{\"shiftStart\":\"" + shiftStart(0) + "\",\"withShiftStart\":\"" + shiftStart(1) + "\"}";
    }

    private UUID override(UUID rotation) {
        return uuid(admin.post("/api/v1/rotations/" + rotation + "/overrides", overrideJson())
                .expect(201)
                .json()
                .get("id"));
    }

    private UUID rotationFeed(UUID rotation) {
        return uuid(admin.post("/api/v1/rotations/" + rotation + "/calendar-feeds", "")
                .expect(201)
                .json()
                .get("id"));
    }

    private String policyJson(String name, UUID team) {
        return """
                {"teamId":%s,"name":"%s","levels":[{"timeout":"PT5M","targets":[{"type":"user","id":"%s"}]}]}""".formatted(team == null ? "null" : "\"" + team + "\"", name, ids.get(MANAGER_A));
    }

    private Call policyForm(String path, String name, UUID team) {
        return form(
                path,
                "teamId",
                team.toString(),
                "name",
                name,
                "level1.timeout",
                "5",
                "level1.users",
                ids.get(MANAGER_A).toString());
    }

    private UUID policy(UUID team) {
        return uuid(admin.post("/api/v1/escalation-policies", policyJson(uniq("matrix-policy"), team))
                .expect(201)
                .json()
                .get("id"));
    }

    private static String sloJson(UUID service, String name) {
        return "{\"serviceId\":\"" + service + "\",\"name\":\"" + name + "\",\"objective\":99.5,\"window\":\"P28D\"}";
    }

    private UUID slo(UUID service) {
        return uuid(admin.post("/api/v1/slos", sloJson(service, uniq("matrix-slo")))
                .expect(201)
                .json()
                .get("id"));
    }

    private static String openSlo(String name) {
        return """
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: %s}
                spec:
                  budgetingMethod: Occurrences
                  timeWindow: [{duration: 28d, isRolling: true}]
                  objectives: [{target: 0.99}]
                """.formatted(name);
    }

    private static String alertRuleJson(String name) {
        return """
                {"name":"%s","conditions":[{"field":"payload.severity","op":"equals","value":"critical"}],
                 "priority":"P1"}""".formatted(name);
    }

    private UUID alertRule(UUID service) {
        return uuid(admin.post("/api/v1/services/" + service + "/alert-rules", alertRuleJson(uniq("matrix-rule")))
                .expect(201)
                .json()
                .get("id"));
    }

    private UUID contactMethod(UUID user) {
        return uuid(admin.post(
                        "/api/v1/users/" + user + "/contact-methods",
                        "{\"type\":\"webhook\",\"address\":\"https://hooks.example.com/" + uniq("matrix")
                                + "\",\"notifyImmediately\":false}")
                .expect(201)
                .json()
                .get("id"));
    }

    private UUID notificationRule(UUID user) {
        UUID method = contactMethod(user);
        return uuid(admin.post(
                        "/api/v1/users/" + user + "/notification-rules",
                        "{\"contactMethodId\":\"" + method + "\",\"delayMinutes\":5}")
                .expect(201)
                .json()
                .get("id"));
    }

    /** A token of managerA's to revoke (not the one managerA calls with). */
    private UUID spareTokenOfManagerA() {
        return uuid(as(MANAGER_A)
                .post("/api/v1/tokens", "{\"name\":\"" + uniq("matrix-spare") + "\"}")
                .expect(201)
                .json()
                .get("token")
                .get("id"));
    }
}
