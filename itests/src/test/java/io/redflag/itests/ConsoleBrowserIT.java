// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, with its chromedriver) against the real server: the
 * root leads to the console; a wrong password is said in words; a new account's one-time password must be replaced
 * first; then the fleet shows, the agent of this machine in its table; the session cookie is out of the page's reach;
 * signing out brings the sign-in back. Screenshots of each page go to {@code target/console-*.png}.
 */
class ConsoleBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    @Test
    void anOperatorSignsInChoosesAPasswordAndSeesTheFleet() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .exists();
        assertThat(Path.of(DRIVER)).as("Debian's chromium-driver").exists();
        Fleet fleet = Fleet.get();
        // an account of its own: the admin's one-time password is ConsoleSessionIT's
        Http.Answer carol = fleet.http.post("/api/v1/accounts", fleet.operatorToken, Map.of("name", "carol", "role",
                "operator"));
        assertThat(carol.status()).isEqualTo(201);
        String oneTime = carol.body().get("oneTimePassword").asText();
        String hostname = fleet.http.get("/api/v1/agents/" + fleet.agentId, fleet.operatorToken).body().get("hostname")
                .asText();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(fleet.http.base() + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
            assertThat(browser.getCurrentUrl()).endsWith("/console/index.html");
            screenshot(browser, "sign-in");

            browser.findElement(By.id("name")).sendKeys("carol");
            browser.findElement(By.id("password")).sendKeys(oneTime + "x");
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("error"), "name or password not right"));

            browser.findElement(By.id("password")).clear();
            browser.findElement(By.id("password")).sendKeys(oneTime);
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change-password")));
            assertThat(browser.findElement(By.id("overview")).isDisplayed()).isFalse();
            browser.findElement(By.id("current")).sendKeys(oneTime);
            browser.findElement(By.id("next")).sendKeys("carol's own long password");
            browser.findElement(By.cssSelector("#change-password-form button")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), hostname));
            assertThat(browser.findElement(By.id("who-name")).getText()).isEqualTo("carol (operator)");
            assertThat(Integer.parseInt(browser.findElement(By.id("online")).getText())).isPositive();
            assertThat(browser.findElements(By.cssSelector("#severity-chart rect"))).hasSize(5);
            screenshot(browser, "overview");
            Object cookies = ((JavascriptExecutor) browser).executeScript("return document.cookie");
            assertThat(String.valueOf(cookies)).as("the session cookie is HttpOnly").doesNotContain("redflag_session");

            browser.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
            assertThat(browser.findElement(By.id("who")).isDisplayed()).as("signed out for good").isFalse();
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(WebDriver browser, String page) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "console-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
