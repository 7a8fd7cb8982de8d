// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What operators do in the console, in a real browser against the real server and this machine's agent: a viewer sees
 * nothing that changes anything (and the server refuses it anyway); enabling a subsystem brings the agent's readings;
 * a real Debian package is upgraded on this machine by dry run → the plan → approval → install; a published bundle
 * reaches the agent; a registration token is made (with its install one-liner) and revoked; cross-site and token-less
 * changes are refused; the pages fit a phone. Screenshots in {@code target/console-*.png}.
 */
class ConsoleWorkflowsIT {

    static Fleet fleet;
    static String agentPath;

    @BeforeAll
    static void start() throws Exception {
        fleet = Fleet.get();
        agentPath = "/api/v1/agents/" + fleet.agentId;
    }

    private static WebDriverWait longWait(ConsoleBrowser c) {
        return new WebDriverWait(c.driver, Duration.ofSeconds(150));
    }

    @Test
    void aViewerSeesNothingThatChangesAnythingAndTheServerRefusesItAnyway() throws Exception {
        String hostname = fleet.http.get(agentPath, fleet.operatorToken).body().get("hostname").asText();
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("val", "viewer")) {
            c.await("#severity-chart");
            c.screenshot("fleet");
            c.go("#/agents");
            c.driver.findElement(By.id("q")).sendKeys(hostname.substring(0, Math.min(4, hostname.length())));
            c.driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
            c.awaitText("#agents", hostname);
            assertThat(c.driver.getCurrentUrl()).contains("q=");
            assertThat(c.driver.findElement(By.id("agents-range")).getText()).matches("1–\\d+ of \\d+");
            c.driver.findElement(By.xpath("//table[@id='agents']//th//button[contains(., 'Pending')]")).click();
            c.wait.until(ExpectedConditions.urlContains("sort=pending"));

            c.go("#/agents/" + fleet.agentId);
            c.await("#subsystems table");
            assertThat(c.all("[data-change]")).as("controls that change something exist on the page").isNotEmpty()
                    .noneMatch(WebElement::isDisplayed);
            for (String page : List.of("#/jobs", "#/bundles", "#/security")) {
                c.go(page);
                assertThat(c.all("[data-change], [data-admin]")).as(page).noneMatch(WebElement::isDisplayed);
            }
            assertThat(c.driver.findElement(By.id("view")).getText()).contains("for admins");

            @SuppressWarnings("unchecked")
            Map<String, Object> refused = (Map<String, Object>) c.script("""
                    fetch('/api/v1/session').then((r) => r.json()).then((s) => fetch(
                        '/api/v1/agents/' + arguments[0] + '/subsystems/apt/scan',
                        { method: 'POST', headers: { 'X-CSRF-Token': s.csrfToken } }))
                      .then(async (r) => done({ status: r.status, body: await r.text() }));
                    """, fleet.agentId);
            assertThat(((Number) refused.get("status")).intValue()).isEqualTo(403);
            assertThat((String) refused.get("body")).contains("the viewer role may only read");
        }
    }

    @Test
    void anOperatorEnablesASubsystemAndSeesWhatTheAgentRead() throws Exception {
        Http.Answer off = fleet.http.put(agentPath + "/subsystems/storage", fleet.operatorToken, Map.of("enabled", false));
        assertThat(off.status()).as(off.raw()).isEqualTo(200);
        Instant enabledAt = Instant.now();
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("otto", "operator")) {
            c.go("#/agents/" + fleet.agentId);
            WebElement box = c.await("tr[data-ecosystem='storage'] input.enable");
            assertThat(box.isSelected()).isFalse();
            box.click();
            c.awaitText("#notice", "storage enabled.");
            Fleet.await(Duration.ofSeconds(90), () -> {
                for (JsonNode s : fleet.http.get(agentPath + "/subsystems", fleet.operatorToken).body()) {
                    if (s.get("ecosystem").asText().equals("storage") && s.hasNonNull("lastRunAt")
                            && Instant.parse(s.get("lastRunAt").asText()).isAfter(enabledAt)) {
                        return s;
                    }
                }
                return null;
            }, "the agent to scan storage once enabled");
            // the page sees the new scan by itself and draws what the agent read
            longWait(c).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("tr[data-ecosystem='storage']"), "ok"));
            longWait(c).until(d -> !c.all("#readings svg rect").isEmpty());
            assertThat(c.driver.findElement(By.cssSelector("#readings svg")).getAttribute("aria-label"))
                    .isEqualTo("Used, in percent");
            c.screenshot("agent-readings");
        }
    }

    @Test
    void aRealPackageIsUpgradedOnThisMachineByDryRunApprovalAndInstall() throws Exception {
        try (LocalDebs debs = LocalDebs.installedWithUpgrade();
                ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("ada", "operator")) {
            c.go("#/agents/" + fleet.agentId);
            c.await("tr[data-ecosystem='apt'] button.scan").click();
            c.awaitText("#notice", "apt: scan asked for");
            WebElement pick = longWait(c).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("tr[data-package='" + LocalDebs.PACKAGE + "'] input.pick")));
            pick.click();
            assertThat(c.driver.findElement(By.id("selected-count")).getText()).isEqualTo("1 selected");
            c.driver.findElement(By.id("dry-run")).click();
            WebElement plan = longWait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("plan")));
            assertThat(c.driver.findElement(By.id("plan-changes")).getText()).contains(LocalDebs.PACKAGE).contains("1.0 → 1.1");
            assertThat(c.driver.findElement(By.id("plan-hash")).getText()).matches("[0-9a-f]{64}");
            ((JavascriptExecutor) c.driver).executeScript("arguments[0].scrollIntoView()", plan);
            c.screenshot("dry-run-plan");
            c.driver.findElement(By.id("approval-comment")).sendKeys("CHG-42");
            c.driver.findElement(By.id("approve")).click();
            c.awaitText("#notice", "Plan approved.");
            c.await("#install").click();
            longWait(c).until(ExpectedConditions.textToBePresentInElementLocated(By.id("install-outcome"), "Installed"));
            assertThat(LocalDebs.installedVersion()).isEqualTo("1.1");
            // the history says who approved and installed it
            longWait(c).until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "installed"));
            assertThat(c.driver.findElement(By.id("history")).getText()).contains(LocalDebs.PACKAGE).contains("ada");
            c.screenshot("install");
        }
        JsonNode approvals = fleet.http.get("/api/v1/approvals?agentId=" + fleet.agentId, fleet.operatorToken).body();
        assertThat(approvals.findValuesAsText("comment")).contains("CHG-42");
    }

    @Test
    void aPublishedBundleReachesTheAgent() throws Exception {
        Path jar = Files.createTempDirectory("console-bundle").resolve("com.example.consoledemo-1.0.0.jar");
        Files.write(jar, TestPlugins.build("com.example.consoledemo", "consoledemo", "1.0.0", TestPlugins.Kind.WORKS, null));
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("bea", "admin")) {
            c.go("#/bundles");
            c.driver.findElement(By.id("bundle-file")).sendKeys(jar.toString());
            c.driver.findElement(By.cssSelector("form.upload button[type=submit]")).click();
            c.awaitText("#notice", "Published com.example.consoledemo 1.0.0");
            assertThat(c.await("#upload-progress [role=progressbar]").getAttribute("aria-valuenow")).isEqualTo("100");
            c.awaitText("article[data-bundle='com.example.consoledemo']", "No agent reports it yet.");

            Fleet.await(Duration.ofSeconds(30), () -> fleet.http.get("/api/v1/subsystems/consoledemo", fleet.operatorToken)
                    .status() == 200 ? "known" : null, "the server to run the plug-in's descriptor");
            c.go("#/agents/" + fleet.agentId);
            new Select(c.await("#add-subsystem")).selectByValue("consoledemo");
            c.driver.findElement(By.cssSelector("#add-subsystem + button")).click();
            c.awaitText("#notice", "consoledemo enabled");

            c.go("#/bundles");
            longWait(c).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("article[data-bundle='com.example.consoledemo'] .rollout"), "1 agent reports it."));
            assertThat(c.driver.findElement(By.cssSelector("article[data-bundle='com.example.consoledemo'] svg")).getText())
                    .contains("1.0.0 active");
            c.screenshot("bundles");
        } finally {
            fleet.http.put(agentPath + "/subsystems/consoledemo", fleet.operatorToken, Map.of("enabled", false));
        }
    }

    @Test
    void aRegistrationTokenIsMadeWithItsOneLinerAndRevoked() throws Exception {
        String token;
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("rita", "operator")) {
            c.go("#/security");
            c.driver.findElement(By.id("rt-note")).sendKeys("console revoke test");
            c.driver.findElement(By.cssSelector("#registration-token-form button[type=submit]")).click();
            String oneLiner = c.await("#one-liner").getText();
            Matcher m = Pattern.compile("^curl -fsSL " + Pattern.quote(fleet.http.base())
                    + "/api/v1/install/agent\\.sh \\| sudo REDFLAG_TOKEN=(rfr_\\S+) sh$").matcher(oneLiner);
            assertThat(m.matches()).as(oneLiner).isTrue();
            token = m.group(1);
            c.screenshot("security");
            c.driver.findElement(By.xpath("//table[@id='registration-tokens']//tr[td[1][normalize-space()="
                    + "'console revoke test']]//button[contains(@class, 'revoke')]")).click();
            c.awaitText("#notice", "revoked: no agent can enrol with it any more");
            c.awaitText("#registration-tokens", "revoked");
        }
        Http.Answer refused = HttpAgent.create(fleet.http).register(HttpAgent.create(fleet.http).registration(token, "0.0.1", "apt"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(401);
        assertThat(refused.raw()).contains("registration token revoked");
    }

    @Test
    void aCrossSitePageAndAChangeWithoutTheCsrfTokenAreRefused() throws Exception {
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String page = """
                <!DOCTYPE html><html><body>
                <form id="f" method="POST" enctype="text/plain" action="%s/api/v1/registration-tokens">
                <input name='{"seats": 5, "note": "forged", "x": "' value='"}'></form>
                <script>document.getElementById("f").submit();</script></body></html>
                """.formatted(fleet.http.base());
        evil.createContext("/", x -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        evil.start();
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("cleo", "operator")) {
            // another site (localhost is not 127.0.0.1) posts a form at the API with the operator signed in
            c.driver.get("http://localhost:" + evil.getAddress().getPort() + "/");
            c.wait.until(ExpectedConditions.urlContains("/api/v1/registration-tokens"));
            assertThat(c.driver.findElement(By.tagName("body")).getText()).contains("\"error\"").doesNotContain("rfr_");

            // the console's own origin, but no CSRF token: the session cookie alone does not make a change
            c.go("#/");
            @SuppressWarnings("unchecked")
            Map<String, Object> refused = (Map<String, Object>) c.script("""
                    fetch('/api/v1/registration-tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                        body: JSON.stringify({ seats: 1, note: 'no csrf token' }) })
                      .then(async (r) => done({ status: r.status, body: await r.text() }));
                    """);
            assertThat(((Number) refused.get("status")).intValue()).isEqualTo(403);
            assertThat((String) refused.get("body")).contains("X-CSRF-Token");
        } finally {
            evil.stop(0);
        }
        JsonNode tokens = fleet.http.get("/api/v1/registration-tokens", fleet.operatorToken).body();
        assertThat(tokens.findValuesAsText("note")).doesNotContain("forged", "no csrf token");
        JsonNode audit = fleet.http.get("/api/v1/audit?action=console.csrf", fleet.operatorToken).body();
        assertThat(audit.findValuesAsText("actor")).contains("operator:cleo");
    }

    @Test
    void aScanJobShowsEachAgentsProgress() throws Exception {
        // the job selects this machine's agent by a tag (other tests register agents that never check in)
        JsonNode tags = fleet.http.get(agentPath, fleet.operatorToken).body().get("tags");
        List<String> before = new java.util.ArrayList<>();
        tags.forEach(t -> before.add(t.asText()));
        List<String> tagged = new java.util.ArrayList<>(before);
        tagged.add("console-job");
        assertThat(fleet.http.put(agentPath + "/tags", fleet.operatorToken, Map.of("tags", tagged)).status()).isEqualTo(200);
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("jo", "operator")) {
            c.go("#/jobs");
            new Select(c.await("#job-action")).selectByValue("scan");
            new Select(c.driver.findElement(By.id("job-ecosystem"))).selectByValue("apt");
            c.driver.findElement(By.id("job-tag")).sendKeys("console-job");
            c.driver.findElement(By.id("job-comment")).sendKeys("weekly scan");
            c.driver.findElement(By.cssSelector("form.job-form button[type=submit]")).click();
            c.wait.until(ExpectedConditions.urlMatches("#/jobs/[0-9a-f-]{36}$"));
            WebElement row = longWait(c).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//table[@id='job-agents']//tr[td//span[normalize-space()='completed']]")));
            assertThat(row.getText()).contains(fleet.http.get(agentPath, fleet.operatorToken).body().get("hostname").asText());
            longWait(c).until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "finished"));
            assertThat(c.driver.findElement(By.cssSelector("#view [role=progressbar]")).getAttribute("aria-valuenow"))
                    .isEqualTo("100");
            c.screenshot("job");
            c.go("#/jobs");
            c.awaitText("#jobs", "weekly scan");
        } finally {
            fleet.http.put(agentPath + "/tags", fleet.operatorToken, Map.of("tags", before));
        }
    }

    @Test
    void hostileNamesAreShownAsTextAndThePageRunsNoScriptButItsOwn() throws Exception {
        Http.Answer seat = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", 1));
        HttpAgent hostile = HttpAgent.create(fleet.http);
        Map<String, Object> registration = hostile.registration(seat.body().get("token").asText(), "0.0.1", "apt");
        String name = "<img src=x onerror=\"window.pwned=1\">evil";
        registration.put("hostname", name);
        Http.Answer registered = hostile.register(registration);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(200);

        Http.Answer page = fleet.http.get("/console/index.html", null);
        assertThat(page.headers().get("content-security-policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        try (ConsoleBrowser c = ConsoleBrowser.open(fleet).signedIn("hugo", "viewer")) {
            c.go("#/agents?q=evil");
            c.awaitText("#agents", name);
            c.go("#/agents/" + hostile.agentId);
            assertThat(c.driver.findElement(By.cssSelector("#view h2")).getText()).isEqualTo(name);
            assertThat(((JavascriptExecutor) c.driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
            assertThat(c.all("#view img")).isEmpty();
        } finally {
            fleet.http.send("POST", "/api/v1/agents/" + hostile.agentId + "/revoke", fleet.operatorToken);
        }
    }

    @Test
    void thePagesFitAPhone() throws Exception {
        try (ConsoleBrowser c = ConsoleBrowser.phone(fleet).signedIn("pia", "operator")) {
            for (String page : List.of("#/", "#/agents", "#/agents/" + fleet.agentId, "#/bundles", "#/jobs", "#/security")) {
                c.go(page);
                Thread.sleep(300); // the page's data drawn
                long overflow = ((Number) ((JavascriptExecutor) c.driver).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth")).longValue();
                Object widest = ((JavascriptExecutor) c.driver).executeScript("""
                        return [...document.querySelectorAll('body *')].filter((e) => (!e.closest('.table-wrap')
                            || e.classList.contains('table-wrap')) && e.scrollWidth > window.innerWidth + 1)
                          .sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width).slice(0, 6)
                          .map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().width) + '/'
                            + e.scrollWidth).join(', ')""");
                assertThat(overflow).as("%s is wider than the phone by %d px: %s", page, overflow, widest)
                        .isLessThanOrEqualTo(0);
            }
            c.go("#/agents/" + fleet.agentId);
            c.await("#subsystems table");
            c.screenshot("phone-agent");
        }
    }
}
