// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser (Debian's chromium, headless, with its chromedriver) against the real server: the
 * root leads to the console; a wrong password is said in words; a new account's one-time password must be replaced
 * first; then the fleet shows, the agent of this machine in its table; the session cookie is out of the page's reach;
 * signing out brings the sign-in back. Screenshots of each page go to {@code target/console-*.png}.
 */
class ConsoleBrowserIT {

    @Test
    void anOperatorSignsInChoosesAPasswordAndSeesTheFleet() throws Exception {
        Fleet fleet = Fleet.get();
        // an account of its own: the admin's one-time password is ConsoleSessionIT's
        Http.Answer carol = fleet.http.post("/api/v1/accounts", fleet.operatorToken, Map.of("name", "carol", "role",
                "operator"));
        assertThat(carol.status()).isEqualTo(201);
        String oneTime = carol.body().get("oneTimePassword").asText();
        String hostname = fleet.http.get("/api/v1/agents/" + fleet.agentId, fleet.operatorToken).body().get("hostname")
                .asText();

        try (ConsoleBrowser console = ConsoleBrowser.open(fleet)) {
            WebDriver browser = console.driver;
            browser.get(fleet.http.base() + "/");
            console.await("#sign-in");
            assertThat(browser.getCurrentUrl()).endsWith("/console/index.html");
            console.screenshot("sign-in");

            browser.findElement(By.id("name")).sendKeys("carol");
            browser.findElement(By.id("password")).sendKeys(oneTime + "x");
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
            console.wait.until(ExpectedConditions.textToBe(By.id("error"), "name or password not right"));

            browser.findElement(By.id("password")).clear();
            browser.findElement(By.id("password")).sendKeys(oneTime);
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
            console.await("#change-password");
            assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("nav")).isDisplayed()).as("no page before the password").isFalse();
            browser.findElement(By.id("current")).sendKeys(oneTime);
            browser.findElement(By.id("next")).sendKeys("carol's own long password");
            browser.findElement(By.cssSelector("#change-password-form button")).click();

            console.awaitText("#agents", hostname);
            assertThat(browser.findElement(By.id("who-name")).getText()).isEqualTo("carol (operator)");
            assertThat(Integer.parseInt(browser.findElement(By.id("online")).getText())).isPositive();
            assertThat(console.all("#severity-chart rect")).hasSize(5);
            console.screenshot("overview");
            Object cookies = ((JavascriptExecutor) browser).executeScript("return document.cookie");
            assertThat(String.valueOf(cookies)).as("the session cookie is HttpOnly").doesNotContain("redflag_session");

            browser.findElement(By.id("sign-out")).click();
            console.await("#sign-in");
            browser.navigate().refresh();
            console.await("#sign-in");
            assertThat(browser.findElement(By.id("who")).isDisplayed()).as("signed out for good").isFalse();
        }
    }
}
