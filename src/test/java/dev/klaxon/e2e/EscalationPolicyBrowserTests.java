package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** A person builds an escalation policy in the form and gives it to a service from the service page. */
@KlaxonIntegrationTest
class EscalationPolicyBrowserTests extends BrowserTestSupport {

    @Test
    void aPolicyIsBuiltInTheFormAndChosenOnTheServicePage() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ana = admin.post(
                        "/api/v1/users", "{\"username\":\"esc-" + suffix + "\",\"name\":\"Ana " + suffix + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
        UUID service = admin.createService("escalation-ui");

        signIn();
        browser.findElement(By.linkText("Escalation")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-policy"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policy-form")));
        browser.findElement(By.id("policy-name")).sendKeys("Checkout " + suffix);
        browser.findElement(By.id("policy-repeat")).clear();
        browser.findElement(By.id("policy-repeat")).sendKeys("1");
        browser.findElement(By.id("level1-timeout")).sendKeys("5");
        new Select(browser.findElement(By.id("level1-users"))).selectByValue(ana);
        browser.findElement(By.id("level2-timeout")).sendKeys("10");
        browser.findElement(By.id("level2-roles")).sendKeys("Secondary on-call, Team lead");
        browser.findElement(By.id("save-policy")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Checkout " + suffix));
        Browser.screenshot(browser, "escalation-policy");

        JsonNode policy = null;
        for (JsonNode candidate :
                admin.get("/api/v1/escalation-policies").expect(200).json()) {
            if (candidate.get("name").asString().equals("Checkout " + suffix)) {
                policy = candidate;
            }
        }
        assertThat(policy).isNotNull();
        assertThat(policy.get("repeat").asInt()).isEqualTo(1);
        assertThat(policy.get("levels").findValuesAsString("timeout")).containsExactly("PT5M", "PT10M");
        assertThat(policy.get("levels").get(0).get("targets").get(0).get("id").asString())
                .isEqualTo(ana);
        assertThat(policy.get("levels").get(1).get("targets").findValuesAsString("role"))
                .containsExactly("Secondary on-call", "Team lead");

        browser.get(url("/services/" + service));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("service-policy-select")));
        new Select(browser.findElement(By.id("service-policy-select")))
                .selectByValue(policy.get("id").asString());
        browser.findElement(By.id("set-service-policy")).click();
        wait.until(ExpectedConditions.textToBe(By.id("service-policy"), "Checkout " + suffix));
        assertThat(admin.get("/api/v1/services/" + service)
                        .expect(200)
                        .json()
                        .get("escalationPolicyId")
                        .asString())
                .isEqualTo(policy.get("id").asString());
    }
}
