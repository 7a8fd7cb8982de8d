// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by its chromedriver against the fleet's server: signing in as a new account of a
 * role, waiting for what the page shows, screenshots to {@code target/console-*.png}, and the page's own script errors
 * (a test fails on any).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    final WebDriver driver;
    final WebDriverWait wait;
    final Fleet fleet;

    private ConsoleBrowser(Fleet fleet, int width, int height, boolean phone) {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .exists();
        assertThat(Path.of(DRIVER)).as("Debian's chromium-driver").exists();
        this.fleet = fleet;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        if (phone) { // a window cannot be that narrow: the device is emulated
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", width, "height", height,
                    "pixelRatio", 2.0, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static ConsoleBrowser open(Fleet fleet) {
        return new ConsoleBrowser(fleet, 1280, 1000, false);
    }

    /** A phone-width window. */
    static ConsoleBrowser phone(Fleet fleet) {
        return new ConsoleBrowser(fleet, 390, 844, true);
    }

    /** A new account of that role (made with the fleet's admin token), signed in with its own password. */
    ConsoleBrowser signedIn(String name, String role) {
        Http.Answer made = fleet.http.post("/api/v1/accounts", fleet.operatorToken, Map.of("name", name, "role", role));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String oneTime = made.body().get("oneTimePassword").asText();
        driver.get(fleet.http.base() + "/console/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(oneTime);
        driver.findElement(By.cssSelector("#sign-in-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change-password")));
        driver.findElement(By.id("current")).sendKeys(oneTime);
        driver.findElement(By.id("next")).sendKeys(name + "'s own long password");
        driver.findElement(By.cssSelector("#change-password-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view h2")));
        assertThat(driver.findElement(By.id("who-name")).getText()).isEqualTo(name + " (" + role + ")");
        return this;
    }

    /** Opens a page of the console by its hash ({@code #/agents/…}) and waits until it has drawn its heading. */
    void go(String hash) {
        driver.get(fleet.http.base() + "/console/index.html" + hash);
        try {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view h2")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page " + hash + " did not draw; it says: '" + error() + "'; script errors: "
                    + scriptErrors() + "; page: " + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void awaitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** What the page's error line says (empty when none shows). */
    String error() {
        WebElement e = driver.findElement(By.id("error"));
        return e.isDisplayed() ? e.getText() : "";
    }

    /** Runs a script in the page that calls {@code done(result)}; its result (JSON-like maps and lists). */
    Object script(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];" + body, args);
    }

    void screenshot(String page) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "console-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The page's script errors so far (uncaught exceptions and failed module loads; refusals the page shows are not). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel() == Level.SEVERE)
                .map(LogEntry::getMessage)
                // a refused call the page then shows in words is logged by the browser as a failed resource
                .filter(m -> !m.contains("Failed to load resource")).toList();
    }

    @Override
    public void close() {
        try {
            assertThat(scriptErrors()).as("errors in the console's scripts").isEmpty();
        } finally {
            driver.quit();
        }
    }
}
