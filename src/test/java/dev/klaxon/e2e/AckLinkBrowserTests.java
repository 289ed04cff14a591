package dev.klaxon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.notify.Deliveries;
import dev.klaxon.notify.PageReason;
import dev.klaxon.notify.PageRequest;
import dev.klaxon.notify.Paging;
import dev.klaxon.support.Browser;
import dev.klaxon.support.BrowserTestSupport;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import dev.klaxon.support.RecordingHttpServer;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A paged person opens the acknowledge link from the page on a phone, without signing in, and acknowledges. */
@KlaxonIntegrationTest
class AckLinkBrowserTests extends BrowserTestSupport {

    @Autowired
    Paging paging;

    @Autowired
    Deliveries deliveries;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theAcknowledgeLinkWorksWithoutSigningIn() throws Exception {
        try (var receiver = RecordingHttpServer.answering()) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            UUID user = UUID.fromString(admin.post("/api/v1/users", """
                            {"username":"phone-%s","name":"Phone Paula","password":"a-long-password-123"}""".formatted(suffix))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString());
            admin.post("/api/v1/users/" + user + "/contact-methods", """
                            {"type":"webhook","address":"%s"}""".formatted(receiver.url("/phone")))
                    .expect(201);
            UUID service = admin.createService("ack-browser");
            String key = admin.post("/api/v1/services/" + service + "/integrations", "{\"type\":\"events-v2\"}")
                    .expect(201)
                    .json()
                    .get("key")
                    .asString();
            String summary = "Checkout down " + suffix;
            admin.post("/v2/enqueue", """
                            {"routing_key":"%s","event_action":"trigger","dedup_key":"ack-%s",
                             "payload":{"summary":"%s","source":"checkout-1","severity":"critical"}}""".formatted(key, suffix, summary)).expect(202);
            UUID incident = UUID.fromString(admin.get("/api/v1/incidents?serviceId=" + service)
                    .expect(200)
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asString());
            new TransactionTemplate(transactions)
                    .executeWithoutResult(status -> paging.page(List.of(new PageRequest(
                            incident, user, "L1.C0", PageReason.ESCALATION, 1, null, clock.instant()))));
            deliveries.sendDue();
            var matcher = Pattern.compile("/ack/([A-Za-z0-9_-]+)")
                    .matcher(receiver.received().get(0).body());
            assertThat(matcher.find()).isTrue();

            browser.get(url("/ack/" + matcher.group(1)));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ack-incident"), summary));
            assertThat(browser.findElement(By.id("ack-status")).getText()).isEqualTo("TRIGGERED");
            Browser.screenshot(browser, "ack-link");
            browser.findElement(By.id("ack-button")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ack-result"), "Acknowledged"));
            assertThat(browser.findElement(By.id("ack-status")).getText()).isEqualTo("ACKNOWLEDGED");
            assertThat(browser.getCurrentUrl()).doesNotContain("/login");
            assertThat(admin.get("/api/v1/incidents/" + incident)
                            .expect(200)
                            .json()
                            .get("acknowledgedBy")
                            .asString())
                    .isEqualTo("Phone Paula");

            signIn();
            long number = admin.get("/api/v1/incidents/" + incident)
                    .json()
                    .get("number")
                    .asLong();
            browser.get(url("/incidents/" + number));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), "Phone Paula"));
            assertThat(browser.findElement(By.id("deliveries")).getText())
                    .contains("webhook 127.0.0.1")
                    .contains("SENT");
        }
    }

    @Test
    void peopleAddContactMethodsAndRulesOnTheNotificationsPage() {
        signIn();
        String address = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.get(url("/notifications"));
        browser.findElement(By.id("cm-address")).sendKeys(address);
        browser.findElement(By.id("add-contact-method")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contact-methods"), address));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notification-rules"), "immediately"));

        var delay = browser.findElement(By.id("rule-delay"));
        delay.clear();
        delay.sendKeys("15");
        browser.findElement(By.id("add-rule")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notification-rules"), "15 min"));
        Browser.screenshot(browser, "notifications");
    }
}
