package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.common.Actor;
import dev.klaxon.incidents.IncidentSignals;
import dev.klaxon.incidents.NewAlertSignal;
import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The person on call classifies an incident in a real browser: severity, the roles it requires, taking command. */
@KlaxonIntegrationTest
class IncidentClassificationBrowserTests extends BrowserTestSupport {

    static final String COORDINATOR = "Incident coordinator";

    @Autowired
    IncidentSignals signals;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    @Test
    void settingTheSeverityShowsTheRequiredRolesAndIAssignMyselfAsCoordinator() {
        UUID service = admin.createService("browser-classify");
        String title = "Checkout latency " + UUID.randomUUID().toString().substring(0, 8);
        UUID id = transactions.execute(tx -> signals.open(new NewAlertSignal(
                service,
                UUID.randomUUID(),
                "classify-1",
                title,
                "critical",
                Actor.integration(UUID.randomUUID(), "browser test"),
                clock.instant(),
                "P3",
                "P3 by rule 'checkout latency SLO'",
                0)));
        long number = admin.get("/api/v1/incidents/" + id).json().get("number").asLong();

        signIn();
        browser.get(url("/incidents/" + number));
        assertThat(browser.findElement(By.id("incident-priority")).getText()).isEqualTo("P3");
        assertThat(browser.findElement(By.id("response-target")).getText()).contains("NONE");

        new Select(browser.findElement(By.id("severity"))).selectByValue("Critical");
        browser.findElement(By.id("severity-reason")).sendKeys("checkout down for everyone");
        browser.findElement(By.id("change-severity")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-severity"), "Critical"));

        List<WebElement> roles = browser.findElements(By.cssSelector("#roles li"));
        assertThat(roles)
                .extracting(r -> r.getAttribute("data-role"))
                .containsExactly(COORDINATOR, "Incident communicator", "Technical expert");
        assertThat(roles).allSatisfy(r -> assertThat(r.getText()).contains("missing"));
        assertThat(browser.findElement(By.id("response-target")).getText())
                .contains("PENDING")
                .contains("15m");
        assertThat(new Select(browser.findElement(By.id("role")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo(COORDINATOR);
        assertThat(new Select(browser.findElement(By.id("role-user")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Administrator (me)");

        browser.findElement(By.id("assign-role")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#roles li[data-role='" + COORDINATOR + "']"), "Administrator"));
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Severity set to Critical: checkout down for everyone")
                .contains(COORDINATOR + " assigned to Administrator");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Browser.screenshot(browser, "incident-classified");

        browser.findElement(By.cssSelector("#roles li[data-role='" + COORDINATOR + "'] button"))
                .click();
        var prompt = wait.until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("handing over to the day shift");
        prompt.accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#roles li[data-role='" + COORDINATOR + "']"), "missing"));
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains(COORDINATOR + " taken from Administrator: handing over to the day shift");
        browser.findElement(By.id("assign-role")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#roles li[data-role='" + COORDINATOR + "']"), "Administrator"));

        new Select(browser.findElement(By.id("priority"))).selectByValue("P1");
        browser.findElement(By.id("priority-reason")).sendKeys("key customer affected");
        browser.findElement(By.id("change-priority")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-priority"), "P1"));

        browser.get(url("/incidents"));
        browser.findElement(By.id("overrides-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overrides"), title));
        Browser.screenshot(browser, "overrides");
        assertThat(browser.findElement(By.id("overrides")).getText())
                .contains("P3 → P1")
                .contains("key customer affected");

        var incident = admin.get("/api/v1/incidents/" + id).json();
        assertThat(incident.get("roles").get(0).get("userName").asString()).isEqualTo("Administrator");
        assertThat(incident.get("priority").asString()).isEqualTo("P1");
    }
}
