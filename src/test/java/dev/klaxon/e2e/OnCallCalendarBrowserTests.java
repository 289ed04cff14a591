package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** The calendar page shows the right people on the right days, overrides included. */
@KlaxonIntegrationTest
class OnCallCalendarBrowserTests extends BrowserTestSupport {

    @Autowired
    MutableClock clock;

    String user(String name) {
        return admin.post("/api/v1/users", "{\"username\":\"cal-" + UUID.randomUUID() + "\",\"name\":\"" + name + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void theCalendarShowsWhoIsOnCallOnEachDay() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String team = admin.post("/api/v1/teams", "{\"name\":\"calendar-" + suffix + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        String alice = user("Alice Calendar " + suffix);
        String bob = user("Bob Calendar " + suffix);
        String carol = user("Carol Calendar " + suffix);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String rotation = admin.post("/api/v1/rotations", """
                        {"name":"Payments %s","teamId":"%s","role":"Payments technical expert",
                         "participants":["%s","%s"],"shiftLength":"P1D","handoffTime":"00:00",
                         "timeZone":"Europe/Berlin","start":"%s"}""".formatted(suffix, team, alice, bob, today))
                .expect(201)
                .json()
                .get("id")
                .asString();
        // Carol covers the whole fourth day (Berlin time).
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        admin.post("/api/v1/rotations/" + rotation + "/overrides", """
                        {"userId":"%s","from":"%s","until":"%s"}""".formatted(
                                carol,
                                today.plusDays(3).atStartOfDay(berlin).toInstant(),
                                today.plusDays(4).atStartOfDay(berlin).toInstant()))
                .expect(201);

        signIn();
        browser.findElement(By.linkText("On call")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#calendar tr[data-rotation='" + rotation + "']")));

        assertThat(cell(rotation, today)).isEqualTo("Alice Calendar " + suffix);
        assertThat(cell(rotation, today.plusDays(1))).isEqualTo("Bob Calendar " + suffix);
        assertThat(cell(rotation, today.plusDays(2))).isEqualTo("Alice Calendar " + suffix);
        assertThat(cell(rotation, today.plusDays(3))).isEqualTo("Carol Calendar " + suffix);
        assertThat(cell(rotation, today.plusDays(27))).isEqualTo("Bob Calendar " + suffix);
        WebElement now = browser.findElement(By.cssSelector("#on-call-now tr[data-rotation='" + rotation + "']"));
        assertThat(now.getText()).contains("Alice Calendar " + suffix).contains("Payments technical expert");
        Browser.screenshot(browser, "oncall-calendar");

        browser.findElement(By.cssSelector("#calendar tr[data-rotation='" + rotation + "'] th a"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overrides"), "Carol Calendar " + suffix));
        assertThat(browser.findElement(By.id("upcoming")).getText()).contains("Bob Calendar " + suffix);
    }

    private String cell(String rotation, LocalDate day) {
        return browser.findElement(
                        By.cssSelector("#calendar tr[data-rotation='" + rotation + "'] td[data-day='" + day + "']"))
                .getText()
                .strip();
    }
}
