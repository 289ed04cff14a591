package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** A person on call, in a real browser: signs in, watches an incident arrive, acknowledges and resolves it. */
@KlaxonIntegrationTest
class IncidentFlowBrowserTests extends BrowserTestSupport {

    @Test
    void anIncidentArrivesLiveAndIsAcknowledgedAndResolvedInTheBrowser() {
        UUID service = admin.createService("browser");
        String routingKey = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                .expect(201)
                .json()
                .get("key")
                .asString();

        signIn();
        browser.get(url("/incidents?serviceId=" + service));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-rows"), "All quiet"));

        String summary = "Checkout 5xx above 2% " + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/v2/enqueue", """
                        {"routing_key":"%s","event_action":"trigger","dedup_key":"browser-1",
                         "payload":{"summary":"%s","source":"checkout-1","severity":"critical"}}""".formatted(routingKey, summary)).expect(202);

        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[contains(@class,'incident-row')][.//a[text()='" + summary + "']]")));
        assertThat(row.findElement(By.className("status")).getText()).isEqualTo("TRIGGERED");
        Browser.screenshot(browser, "incident-list");

        row.findElement(By.className("ack-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//tr[contains(@class,'incident-row')][.//a[text()='" + summary + "']]"), "ACKNOWLEDGED"));

        browser.findElement(By.linkText(summary)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "ACKNOWLEDGED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alerts .alert-row")));

        browser.findElement(By.id("note")).sendKeys("Rolled back release 2026.11.23-1");
        browser.findElement(By.id("add-note")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "Rolled back release"));

        browser.findElement(By.id("resolve")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "RESOLVED"));
        Browser.screenshot(browser, "incident-resolved");

        var incident = admin.get("/api/v1/incidents?serviceId=" + service + "&status=RESOLVED")
                .json()
                .get("items")
                .get(0);
        assertThat(incident.get("title").asString()).isEqualTo(summary);
        assertThat(incident.get("acknowledgedBy").asString()).isEqualTo("Administrator");
    }

    @Test
    void anAdministratorSetsUpATeamServiceAndIntegrationInTheBrowser() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        signIn();

        browser.get(url("/teams"));
        browser.findElement(By.id("team-name")).sendKeys("payments-" + suffix);
        browser.findElement(By.id("create-team")).click();
        // Creating a team opens the new team's page.
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "payments-" + suffix));

        browser.get(url("/services"));
        new Select(browser.findElement(By.id("service-team"))).selectByVisibleText("payments-" + suffix);
        browser.findElement(By.id("service-name")).sendKeys("checkout-" + suffix);
        browser.findElement(By.id("create-service")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "checkout-" + suffix));

        new Select(browser.findElement(By.id("integration-type"))).selectByValue("alertmanager");
        browser.findElement(By.id("integration-name")).sendKeys("prometheus");
        browser.findElement(By.id("create-integration")).click();
        String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("integration-key")))
                .getText();
        Browser.screenshot(browser, "integration-created");

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(browser.findElement(By.id("created-integration")).getText())
                .contains("webhook_configs")
                .contains("/api/v1/integrations/alertmanager/" + key);
        var accepted = Api.anonymous(port).post("/api/v1/integrations/alertmanager/" + key, """
                        {"version":"4","groupKey":"{}:{}","status":"firing","receiver":"klaxon","groupLabels":{},
                         "commonLabels":{},"commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,
                         "alerts":[{"status":"firing","labels":{"alertname":"UiSetup"},"annotations":{"summary":"UI setup works"},
                         "startsAt":"2026-11-23T09:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom","fingerprint":"ui%s"}]}""".formatted(suffix));
        assertThat(accepted.status()).isEqualTo(200);

        browser.get(url("/services"));
        browser.findElement(By.linkText("checkout-" + suffix)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "prometheus"));
        String servicePage = browser.findElement(By.tagName("main")).getText();
        assertThat(servicePage).contains(key.substring(0, 6) + "…").doesNotContain(key);

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alert-rules")));
        browser.findElement(By.cssSelector("#alert-rules summary")).click();
        browser.findElement(By.id("rule-name")).sendKeys("critical pages");
        browser.findElement(By.cssSelector("#alert-rules input[name=field]")).sendKeys("labels.severity");
        browser.findElement(By.cssSelector("#alert-rules input[name=value]")).sendKeys("critical");
        new Select(browser.findElement(By.id("rule-priority"))).selectByValue("P1");
        browser.findElement(By.id("add-rule")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("alert-rules"), "labels.severity equals critical"));
        Browser.screenshot(browser, "alert-rules");
    }

    @Test
    void aWrongPasswordShowsAnErrorAndNoIncidents() {
        browser.get(url("/incidents"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();

        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Wrong username or password"));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }
}
