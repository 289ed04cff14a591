package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A responder of a team sees the buttons of what they may do and not those of what only managers (or other teams)
 * may do: the pages hide them, the facades would refuse them anyway.
 */
@KlaxonIntegrationTest
class PermissionAwarePagesBrowserTests extends BrowserTestSupport {

    private static final String PASSWORD = "responder-password-1";
    private static final String DEFAULT_POLICY = "00000000-0000-0000-0000-0000000e5ca1";

    @Autowired
    MutableClock clock;

    @Test
    void aResponderSeesOnlyTheControlsTheirTeamRoleAllows() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "responder-" + suffix;
        String responder = admin.post("/api/v1/users", """
                        {"username":"%s","name":"Rita Responder %s","password":"%s","role":"member"}""".formatted(username, suffix, PASSWORD))
                .expect(201)
                .json()
                .get("id")
                .asString();
        String team = id(admin.post("/api/v1/teams", "{\"name\":\"perm-team-" + suffix + "\"}")
                .expect(201));
        admin.post("/api/v1/teams/" + team + "/members", """
                        {"userId":"%s","role":"responder"}""".formatted(responder))
                .expect(201);
        String service =
                id(admin.post("/api/v1/services", "{\"name\":\"perm-svc-" + suffix + "\",\"teamId\":\"" + team + "\"}")
                        .expect(201));
        String key = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
        long ownIncident = trigger(service, key, "perm-" + suffix, "Own team incident " + suffix);
        // An incident of a team the responder does not belong to.
        UUID otherService = admin.createService("perm-other");
        String otherKey = admin.post("/api/v1/services/" + otherService + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();
        long otherIncident =
                trigger(otherService.toString(), otherKey, "perm-other-" + suffix, "Other team incident " + suffix);
        String rotation = id(admin.post("/api/v1/rotations", """
                        {"name":"Perm %s","teamId":"%s","role":"Primary on-call","participants":["%s"],
                         "shiftLength":"P7D","handoffTime":"09:00","timeZone":"Europe/Berlin","start":"%s"}""".formatted(
                                suffix, team, responder, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .expect(201));

        signInAs(username, PASSWORD);

        // The service page of their team: integrations are listed, but only managers add or switch them.
        browser.get(url("/services/" + service));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("integrations-managed-by")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("events-v2");
        assertThat(browser.findElements(By.id("create-integration"))).isEmpty();
        assertThat(browser.findElements(By.id("integration-name"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action$='/enabled']")))
                .isEmpty();
        assertThat(browser.findElements(By.id("toggle-auto-resolve"))).isEmpty();
        // The sections loaded with htmx hide their controls too.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-rules-managed-by")));
        assertThat(browser.findElements(By.id("add-rule"))).isEmpty();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("service-policy")));
        assertThat(browser.findElements(By.id("set-service-policy"))).isEmpty();
        Browser.screenshot(browser, "permissions-service-as-responder");

        // The services list offers no new-service form: they manage no team.
        browser.get(url("/services"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-new-service")));
        assertThat(browser.findElements(By.id("create-service"))).isEmpty();

        // An incident of their team: they acknowledge it and classify it.
        browser.get(url("/incidents/" + ownIncident));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("acknowledge")));
        assertThat(browser.findElements(By.id("resolve"))).hasSize(1);
        assertThat(browser.findElements(By.id("priority-form"))).hasSize(1);
        assertThat(browser.findElements(By.id("add-note"))).hasSize(1);
        assertThat(browser.findElements(By.id("respond-hint"))).isEmpty();
        browser.findElement(By.id("acknowledge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "ACKNOWLEDGED"));
        // The fragment that replaced the page after the action still shows their controls.
        assertThat(browser.findElements(By.id("resolve"))).hasSize(1);
        assertThat(browser.findElements(By.id("add-note"))).hasSize(1);

        // Another team's incident: nothing to press.
        browser.get(url("/incidents/" + otherIncident));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("respond-hint")));
        assertThat(browser.findElements(By.id("acknowledge"))).isEmpty();
        assertThat(browser.findElements(By.id("resolve"))).isEmpty();
        assertThat(browser.findElements(By.id("add-note"))).isEmpty();
        assertThat(browser.findElements(By.id("priority-form"))).isEmpty();
        assertThat(browser.findElements(By.id("role-form"))).isEmpty();
        assertThat(browser.findElements(By.id("team-form"))).isEmpty();

        // The incident list: an acknowledge button only on incidents of their team.
        browser.get(url("/incidents?status=all"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + otherIncident)));
        assertThat(browser.findElement(By.id("incident-" + otherIncident)).findElements(By.className("ack-button")))
                .isEmpty();

        // On call: no new rotation; their rotation's page shows it without save or delete, but lets them cover.
        browser.get(url("/oncall"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#calendar tr[data-rotation='" + rotation + "']")));
        assertThat(browser.findElements(By.id("new-rotation"))).isEmpty();
        assertThat(browser.findElements(By.id("create-my-feed"))).hasSize(1);
        browser.get(url("/rotations/" + rotation));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rotation-managed-by")));
        assertThat(browser.findElements(By.id("save-rotation"))).isEmpty();
        assertThat(browser.findElements(By.id("delete-rotation"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action$='/delete']")))
                .isEmpty();
        assertThat(browser.findElement(By.id("rotation-name")).isEnabled()).isFalse();
        assertThat(browser.findElements(By.id("override-form"))).hasSize(1);
        assertThat(browser.findElements(By.id("create-feed"))).hasSize(1);
        Browser.screenshot(browser, "permissions-rotation-as-responder");

        // A new rotation typed in by hand: the form is not there.
        browser.get(url("/rotations/new"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rotation-managed-by")));
        assertThat(browser.findElements(By.id("rotation-form"))).isEmpty();

        // Pages of things only managers and administrators change render for them without those controls.
        open("/escalation-policies");
        assertThat(browser.findElements(By.id("new-policy"))).isEmpty();
        open("/escalation-policies/new");
        assertThat(browser.findElements(By.id("policy-not-allowed"))).hasSize(1);
        assertThat(browser.findElements(By.id("policy-form"))).isEmpty();
        open("/escalation-policies/" + DEFAULT_POLICY);
        assertThat(browser.findElements(By.id("policy-read-only"))).hasSize(1);
        assertThat(browser.findElements(By.id("save-policy"))).isEmpty();
        assertThat(browser.findElements(By.id("delete-policy"))).isEmpty();
        open("/classification");
        assertThat(browser.findElements(By.id("classification-managed-by"))).hasSize(1);
        assertThat(browser.findElements(By.id("save-classification"))).isEmpty();
        open("/slos");
        assertThat(browser.findElements(By.id("no-new-slo"))).hasSize(1);
        assertThat(browser.findElements(By.id("create-slo"))).isEmpty();
        // Their own notification settings stay theirs to change.
        open("/notifications");
        assertThat(browser.findElements(By.id("add-contact-method"))).hasSize(1);
    }

    /** Opens a page and checks that it rendered (not the error page). */
    private void open(String path) {
        browser.get(url(path));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(browser.getTitle()).as(path).doesNotStartWith("Error");
        assertThat(browser.findElements(By.cssSelector("header.topbar")))
                .as(path)
                .hasSize(1);
    }

    /** Signs in through the login form as someone other than the administrator. */
    private void signInAs(String username, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/incidents"));
    }

    /** Triggers an alert through the Events API and returns the number of the incident it opened. */
    private long trigger(String serviceId, String routingKey, String dedupKey, String summary) {
        admin.post("/v2/enqueue", """
                        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                         "payload":{"summary":"%s","source":"perm-1","severity":"critical"}}""".formatted(routingKey, dedupKey, summary)).expect(202);
        // A 202 means the event and its incident are committed: no waiting.
        for (var incident : admin.get("/api/v1/incidents?serviceId=" + serviceId)
                .expect(200)
                .json()
                .get("items")) {
            if (incident.get("title").asString().equals(summary)) {
                return incident.get("number").asLong();
            }
        }
        throw new AssertionError("No incident opened for " + summary);
    }

    private static String id(dev.klaxon.support.Api.Response response) {
        return response.json().get("id").asString();
    }
}
