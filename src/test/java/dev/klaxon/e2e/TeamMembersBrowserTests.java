package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An administrator creates a team on the Teams page, adds a person as its manager, makes them a responder, and the
 * person's page shows the team; deactivating them from their page says what it left behind.
 */
@KlaxonIntegrationTest
class TeamMembersBrowserTests extends BrowserTestSupport {

    @Test
    void anAdministratorBuildsATeamAndManagesItsMembersOnThePages() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String teamName = "Payments " + suffix;
        String personName = "Rosa " + suffix;
        String rosa = admin.post("/api/v1/users", """
                        {"username":"rosa-%s","name":"%s","password":"rosa-password-123"}""".formatted(suffix, personName))
                .expect(201)
                .json()
                .get("id")
                .asString();

        signIn();
        browser.findElement(By.linkText("Teams")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-team")));
        browser.findElement(By.id("team-name")).sendKeys(teamName);
        browser.findElement(By.id("create-team")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), teamName));

        new Select(browser.findElement(By.id("member-user"))).selectByValue(rosa);
        new Select(browser.findElement(By.id("member-role"))).selectByValue("manager");
        browser.findElement(By.id("add-member")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("members"), personName));
        assertThat(new Select(browser.findElement(By.id("role-" + rosa)))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("manager");

        new Select(browser.findElement(By.id("role-" + rosa))).selectByValue("responder");
        browser.findElement(By.cssSelector("#members form.actions button")).click();
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> "responder"
                        .equals(new Select(d.findElement(By.id("role-" + rosa)))
                                .getFirstSelectedOption()
                                .getText()));
        Browser.screenshot(browser, "team-members");

        browser.findElement(By.linkText(personName)).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), personName));
        assertThat(browser.findElement(By.id("memberships")).getText()).contains(teamName + ": responder");

        browser.findElement(By.id("toggle-active")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Deactivated"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("cannot sign in");
        assertThat(admin.get("/api/v1/users/" + rosa)
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();

        // On a phone: the team and person pages fit 360 px without sideways scrolling.
        String teamPage = browser.findElement(By.linkText(teamName)).getAttribute("href");
        browser.manage().window().setSize(new Dimension(360, 800));
        for (String page : new String[] {teamPage, url("/users/" + rosa), url("/teams"), url("/users")}) {
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            Object overflow = ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("sideways overflow of " + page)
                    .isLessThanOrEqualTo(0);
        }
        browser.get(teamPage);
        Browser.screenshot(browser, "team-members-phone");
    }
}
