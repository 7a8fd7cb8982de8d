// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.launcher.ServerRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole update lifecycle for several agents in bulk jobs, against the real runtimes and real APT: three real agent
 * processes (each the real agent jar, identified by its own instance id) on this machine, each with an APT state of its
 * own (its own dpkg database and package lists through {@code APT_CONFIG} and {@code DPKG_ADMINDIR}: apt's and dpkg's
 * own switches), where a small probe package built here is installed at 1.0 and offered at 2.0 by a local repository.
 * One dry-run job plans the upgrade on all three; the four-eyes rule (set on the server node the operators use) keeps
 * the operator who asked from approving it and nothing is installed before approval; a second operator approves the
 * job's plans; an install job upgrades all three with apt-get; a scan job finds the update gone. The host's own dpkg
 * database is never touched (the probe's one file goes to {@code /usr/share/redflag-probe}, removed afterwards).
 */
class LifecycleIT {

    private static final String PROBE = "redflag-probe";
    private static final int AGENTS = 3;

    static Fleet fleet;
    static ServerRuntime fourEyes;
    static Http ops;
    static Path dir;
    static final List<Process> agents = new ArrayList<>();
    static final List<Path> admindirs = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // what this needs on a host: the build machine is one (root, Debian)
        assertThat(System.getProperty("user.name")).as("apt-get installs as root").isEqualTo("root");
        for (String tool : List.of("/usr/bin/dpkg-deb", "/usr/bin/dpkg", "/usr/bin/dpkg-query", "/usr/bin/apt-get")) {
            assertThat(Path.of(tool)).as(tool + " (the agents' APT scanner drives it)").isExecutable();
        }
        fleet = Fleet.get();
        dir = Files.createTempDirectory("redflag-lifecycle");
        fourEyes = fleet.secondNode(dir.resolve("node"), Map.of("redflag.approvals.four.eyes", "true"));
        ops = new Http(fourEyes.endpoint());

        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Path v1 = probe("1.0");
        Path v2 = probe("2.0");
        Files.copy(v2, repo.resolve(v2.getFileName()));
        byte[] deb = Files.readAllBytes(v2);
        Files.writeString(repo.resolve("Packages"), "Package: " + PROBE + "\nVersion: 2.0\nArchitecture: all\n"
                + "Maintainer: RedFlag tests <tests@redflag.invalid>\nFilename: ./" + v2.getFileName() + "\nSize: " + deb.length
                + "\nSHA256: " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(deb))
                + "\nDescription: a probe package for RedFlag's tests\n\n");

        Http.Answer token = fleet.http.post("/api/v1/registration-tokens", fleet.operatorToken, Map.of("seats", AGENTS));
        assertThat(token.status()).as(token.raw()).isEqualTo(201);
        for (int i = 1; i <= AGENTS; i++) {
            Map<String, String> env = aptOf(dir.resolve("host" + i), repo);
            run(env, "apt-get", "update");
            run(env, "dpkg", "-i", v1.toString());
            agents.add(agent(i, env, token.body().get("token").asText()));
        }
    }

    /** A probe package of that version, built with dpkg-deb. */
    private static Path probe(String version) throws Exception {
        Path root = dir.resolve("build-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.createDirectories(root.resolve("usr/share/" + PROBE));
        Files.writeString(root.resolve("usr/share/" + PROBE + "/version"), version + "\n");
        Files.writeString(root.resolve("DEBIAN/control"), "Package: " + PROBE + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: RedFlag tests <tests@redflag.invalid>\n"
                + "Description: a probe package for RedFlag's tests\n");
        Path deb = dir.resolve(PROBE + "_" + version + "_all.deb");
        run(Map.of(), "dpkg-deb", "--root-owner-group", "-b", root.toString(), deb.toString());
        return deb;
    }

    /** An APT state of one simulated host: its own dpkg database, lists, cache, and only the probe's repository. */
    private static Map<String, String> aptOf(Path host, Path repo) throws IOException {
        for (String d : List.of("dpkg/info", "dpkg/updates", "state/lists/partial", "cache/archives/partial", "log",
                "sources.list.d", "preferences.d")) {
            Files.createDirectories(host.resolve(d));
        }
        Files.writeString(host.resolve("dpkg/status"), "");
        admindirs.add(host.resolve("dpkg"));
        Files.writeString(host.resolve("sources.list"), "deb [trusted=yes] file:" + repo + " ./\n");
        Files.writeString(host.resolve("apt.conf"), String.join("\n",
                "Dir::State \"" + host.resolve("state") + "\";",
                "Dir::State::status \"" + host.resolve("dpkg/status") + "\";",
                "Dir::Cache \"" + host.resolve("cache") + "\";",
                "Dir::Log \"" + host.resolve("log") + "\";",
                "Dir::Etc::sourcelist \"" + host.resolve("sources.list") + "\";",
                "Dir::Etc::sourceparts \"" + host.resolve("sources.list.d") + "\";",
                "Dir::Etc::preferencesparts \"" + host.resolve("preferences.d") + "\";", ""));
        return Map.of("APT_CONFIG", host.resolve("apt.conf").toString(), "DPKG_ADMINDIR", host.resolve("dpkg").toString());
    }

    private static String run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().putAll(env);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }

    /** A real agent process for simulated host {@code i}: its own data folder, instance id, hostname and APT state. */
    private static Process agent(int i, Map<String, String> env, String registrationToken) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("redflag.agent.jar"), "run", "--server", fleet.server.endpoint(), "--data-dir",
                dir.resolve("agent" + i).toString(), "--accept", "all", "--machine-id", "instance");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent" + i + ".log").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().putAll(env);
        pb.environment().put("HOSTNAME", "lifecycle-" + i);
        pb.environment().put("REDFLAG_REGISTRATION_TOKEN", registrationToken);
        return pb.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : agents) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        // the shared fleet has one agent again
        for (JsonNode a : fleet.http.get("/api/v1/agents?tag=lifecycle", fleet.operatorToken).body()) {
            fleet.http.post("/api/v1/agents/" + a.get("id").asText() + "/revoke", fleet.operatorToken, Map.of());
            fleet.http.send("DELETE", "/api/v1/agents/" + a.get("id").asText(), fleet.operatorToken);
        }
        if (fourEyes != null) {
            fourEyes.close();
        }
        try (var files = Files.walk(Path.of("/usr/share", PROBE))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.nio.file.NoSuchFileException e) {
            // never installed
        }
    }

    private static JsonNode awaitJob(String id, String op) {
        return Fleet.await(Duration.ofSeconds(120), () -> {
            JsonNode job = ops.get("/api/v1/jobs/" + id, op).body();
            return job.get("finished").asBoolean() ? job : null;
        }, "job " + id + " to finish");
    }

    private static JsonNode job(String op, Map<String, Object> request) {
        Http.Answer a = ops.post("/api/v1/jobs", op, request);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(a.headers().get("location")).isEqualTo("/api/v1/jobs/" + a.body().get("id").asText());
        return a.body();
    }

    private static void allAre(JsonNode job, String state) {
        assertThat(job.get("counts").get("total").asInt()).as(job.toString()).isEqualTo(AGENTS);
        for (JsonNode a : job.get("agents")) {
            assertThat(a.get("state").asText()).as(a.toString()).isEqualTo(state);
        }
    }

    private static String installedVersion(Path admindir) throws Exception {
        return run(Map.of("DPKG_ADMINDIR", admindir.toString()), "dpkg-query", "-W", "-f=${Version}", PROBE);
    }

    @Test
    void severalAgentsGoFromDryRunThroughApprovalToInstallInBulkJobsAndARescanFindsTheUpdateGone() throws Exception {
        String ann = fleet.operatorToken;
        Http.Answer made = fleet.http.post("/api/v1/operator-tokens", ann, Map.of("name", "bob", "role", "operator"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String bob = made.body().get("token").asText();

        // the three agents register, are tagged as a group, and their first APT scan reports the probe's 2.0
        List<String> ids = Fleet.await(Duration.ofSeconds(90), () -> {
            List<String> found = new ArrayList<>();
            for (JsonNode a : fleet.http.get("/api/v1/agents", ann).body()) {
                if (a.get("hostname").asText().startsWith("lifecycle-")) {
                    found.add(a.get("id").asText());
                }
            }
            return found.size() == AGENTS ? found : null;
        }, "the three agents to register");
        for (String id : ids) {
            assertThat(fleet.http.put("/api/v1/agents/" + id + "/tags", ann, Map.of("tags", List.of("lifecycle"))).status())
                    .isEqualTo(200);
            JsonNode probe = Fleet.await(Duration.ofSeconds(90), () -> {
                for (JsonNode u : fleet.http.get("/api/v1/agents/" + id + "/updates?ecosystem=apt", ann).body()) {
                    if (u.get("id").asText().equals(PROBE)) {
                        return u;
                    }
                }
                return null;
            }, "agent " + id + " to report " + PROBE);
            assertThat(probe.get("installedVersion").asText()).isEqualTo("1.0");
            assertThat(probe.get("availableVersion").asText()).isEqualTo("2.0");
            assertThat(probe.get("lifecycle").asText()).isEqualTo("pending");
        }

        // one dry-run job for the group
        JsonNode dry = job(ann, Map.of("action", "dry-run", "selection", Map.of("tag", "lifecycle"), "ecosystem", "apt",
                "packages", List.of(PROBE)));
        assertThat(dry.get("counts").get("total").asInt()).isEqualTo(AGENTS);
        String dryJob = dry.get("id").asText();
        JsonNode planned = awaitJob(dryJob, ann);
        allAre(planned, "completed");
        for (JsonNode a : planned.get("agents")) {
            JsonNode plan = ops.get("/api/v1/commands/" + a.get("commandId").asText(), ann).body().get("result").get("plan");
            assertThat(plan.get("changes").toString()).contains(PROBE).contains("2.0");
        }

        // nothing is installed before approval, and not approved by whoever asked for the dry runs (four eyes)
        JsonNode early = job(ann, Map.of("action", "install", "jobId", dryJob));
        allAre(early, "skipped");
        assertThat(early.get("agents").get(0).get("message").asText()).contains("awaits a decision");
        JsonNode self = job(ann, Map.of("action", "approve", "jobId", dryJob));
        allAre(self, "skipped");
        assertThat(self.get("agents").get(0).get("message").asText()).contains("four-eyes rule");
        JsonNode approved = job(bob, Map.of("action", "approve", "jobId", dryJob, "comment", "CHG-1234"));
        allAre(approved, "completed");
        assertThat(approved.get("finished").asBoolean()).isTrue();
        Http.Answer twice = ops.post("/api/v1/approvals", bob, Map.of("dryRunId",
                planned.get("agents").get(0).get("commandId").asText(), "decision", "approved"));
        assertThat(twice.status()).as(twice.raw()).isEqualTo(409);
        for (Path admindir : admindirs) {
            assertThat(installedVersion(admindir)).isEqualTo("1.0");
        }

        // the install job upgrades all three along their approved plans
        JsonNode install = job(ann, Map.of("action", "install", "jobId", dryJob));
        allAre(awaitJob(install.get("id").asText(), ann), "completed");
        for (Path admindir : admindirs) {
            assertThat(installedVersion(admindir)).isEqualTo("2.0");
        }

        // a scan job, and the update is gone everywhere; the history says who did what
        allAre(awaitJob(job(ann, Map.of("action", "scan", "selection", Map.of("agentIds", ids), "ecosystem", "apt"))
                .get("id").asText(), ann), "completed");
        for (String id : ids) {
            assertThat(fleet.http.get("/api/v1/agents/" + id + "/updates?ecosystem=apt", ann).body().toString())
                    .doesNotContain(PROBE);
            JsonNode history = ops.get("/api/v1/agents/" + id + "/history?ecosystem=apt&package=" + PROBE, ann).body();
            List<String> steps = new ArrayList<>();
            history.forEach(e -> steps.add(e.get("state").asText() + " " + e.get("actor").asText().replaceAll(":.*", "")
                    + (e.get("actor").asText().equals("operator:bob") ? ":bob" : "")));
            assertThat(steps).containsExactly("installed agent", "installing operator", "approved operator:bob",
                    "planned agent", "dry-run operator");
            assertThat(history.get(0).get("fromVersion").asText()).isEqualTo("1.0");
            assertThat(history.get(0).get("toVersion").asText()).isEqualTo("2.0");
            assertThat(history.get(2).get("detail").asText()).isEqualTo("CHG-1234");
        }
        JsonNode jobs = ops.get("/api/v1/jobs?limit=5", ann).body();
        assertThat(jobs.get(1).get("id").asText()).isEqualTo(install.get("id").asText());
        assertThat(jobs.get(1).get("counts").get("completed").asInt()).isEqualTo(AGENTS);
    }
}
