package dev.klaxon.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Selenium Manager cannot download
 * browsers here, so both binaries are named explicitly ({@code CHROME_BIN}, {@code CHROMEDRIVER_BIN}).
 * Where they are missing the test is skipped, except in CI ({@code KLAXON_REQUIRE_EXTERNAL_TOOLS=true}),
 * where that is a failure.
 */
public final class Browser {

    private Browser() {}

    public static WebDriver start() {
        Path chrome = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
        Path driver = Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        boolean available = Files.isExecutable(chrome) && Files.isExecutable(driver);
        if (!available && Boolean.parseBoolean(env("KLAXON_REQUIRE_EXTERNAL_TOOLS", "false"))) {
            throw new IllegalStateException("Chromium or chromedriver missing: " + chrome + ", " + driver);
        }
        assumeTrue(available, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try {
            var options = new ChromeOptions()
                    .setBinary(chrome.toFile())
                    .addArguments(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--window-size=1280,900",
                            "--user-data-dir=" + Files.createTempDirectory("klaxon-chromium"));
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .build();
            var webDriver = new ChromeDriver(service, options);
            webDriver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return webDriver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves what the browser shows under target/screenshots, for a person to look at. */
    public static void screenshot(WebDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
