package dev.klaxon.support;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A fresh headless Chromium per test against the running application, an admin API client, and signing in.
 * Subclasses carry {@link KlaxonIntegrationTest}.
 */
public abstract class BrowserTestSupport {

    @LocalServerPort
    protected int port;

    protected WebDriver browser;
    protected WebDriverWait wait;
    protected Api admin;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
        // Waits for the page's own polling and htmx requests over the real network, not for business time.
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        admin = Api.asAdmin(port);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected void signIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(KlaxonIntegrationTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/incidents"));
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
