// SPDX-License-Identifier: Apache-2.0
// The Java half of tools/bench/hotswap.sh (which starts the server and the agent and reads the results): builds the
// third-party "snap" scanner plug-in in many versions, times hot swaps on one real agent, and simulates a fleet of
// agents converging on a newly published version. Written with the JDK alone, run as a single-file program:
//
//   java tools/bench/HotSwapBench.java plugins AGENT_JAR OUT_DIR VERSION...
//       builds OUT_DIR/com.example.snap-VERSION.jar for each VERSION: compiled once with javax.tools against the api
//       bundle inside the agent jar (as itests' TestPlugins does), then only Bundle-Version, the descriptor's
//       displayName and a version file change per jar (its scanner reports a record naming that version).
//   java tools/bench/HotSwapBench.java swaps URL OPERATOR_TOKEN_FILE AGENT_LOG PLUGIN_DIR SWAPS TIMEOUT_S OUT.json
//       one real agent (already started by the script, logging to AGENT_LOG): publishes 1.0.0, enables snap on the
//       agent, then publishes 1.0.1 … 1.0.SWAPS one at a time; for each waits until GET /api/v1/agents/{id} shows it
//       active and reads the agent's "desired state <hash12> in place in N ms" line for that swap.
//   java tools/bench/HotSwapBench.java fleet URL OPERATOR_TOKEN_FILE AGENTS THREADS REG_THREADS BASE_JAR NEXT_JAR
//       SAMPLE TIMEOUT_S OUT.json
//       AGENTS simulated agents in this JVM (THREADS scheduler threads, blocking JDK HttpClient calls): each registers
//       with its own Ed25519 key and proof of possession (as RegisterAgents.java), checks in every pollIntervalSeconds
//       (random phase), and brings in a changed desired state the way the agent's protocol does: GET desired-state,
//       the TUF metadata requests (next root, timestamp, then the snapshot and targets versions named inside when they
//       changed), GET the target file by hash, SHA-256 and length checked against the desired state and the signed
//       targets, then reports it at a check-in 1 s later. Snap is enabled for every simulated agent; once all run
//       BASE_JAR's version, NEXT_JAR is published at T and convergeSeconds is the time until every one applied it.
//
// The simulator exercises the server's load and protocol, not the agent's TUF verification: it parses the metadata
// to follow the versions and target hashes but verifies no signatures, and swaps nothing in. The product's own tests
// (bundles/updates' TUF suite, HotSwapIT, ThirdPartyPluginIT) cover that; the "swaps" part times the real agent.
// Simulated agents ignore the scan commands their check-ins hand out (a real agent would run them and post results)
// and report only the snap bundle in their inventory (a real agent also lists its base set).

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

public class HotSwapBench {

    static {
        // below Jetty's idle timeout, so that a pooled connection is never reused just as the server closes it
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        }
    }

    static final String NAME = "com.example.snap";
    static final String ECOSYSTEM = "snap";
    static final String JAR_TYPE = "application/java-archive";
    static final String MACHINE_ID = "X-RedFlag-Machine-Id";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "plugins" -> plugins(args);
            case "swaps" -> swaps(args);
            case "fleet" -> new Fleet(args).run();
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("""
                usage: HotSwapBench plugins AGENT_JAR OUT_DIR VERSION...
                       HotSwapBench swaps URL OPERATOR_TOKEN_FILE AGENT_LOG PLUGIN_DIR SWAPS TIMEOUT_S OUT.json
                       HotSwapBench fleet URL OPERATOR_TOKEN_FILE AGENTS THREADS REG_THREADS BASE_JAR NEXT_JAR SAMPLE TIMEOUT_S OUT.json""");
        System.exit(2);
    }

    static void fail(String why) {
        System.err.println("ERROR: " + why);
        System.exit(1);
    }

    static void say(String line) {
        System.out.println("    " + line);
        System.out.flush();
    }

    // ------------------------------------------------------------------------------------------------ plug-ins

    static void plugins(String[] a) throws Exception {
        if (a.length < 4) {
            usage();
        }
        Path agentJar = Path.of(a[1]);
        Path out = Path.of(a[2]);
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("snap-plugin");
        try {
            Path api = work.resolve("api.jar");
            try (ZipFile z = new ZipFile(agentJar.toFile())) {
                ZipEntry e = z.stream().filter(x -> x.getName().matches("bundles/api-[^/]*\\.jar")).findFirst().orElse(null);
                if (e == null) {
                    fail("no bundles/api-*.jar inside " + agentJar);
                }
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, api);
                }
            }
            // the api bundle's DTOs extend org.osgi.dto.DTO, which the framework in the agent jar itself provides
            Map<String, byte[]> classes = compile(work, api + java.io.File.pathSeparator + agentJar.toAbsolutePath());
            for (int i = 3; i < a.length; i++) {
                Files.write(out.resolve(NAME + "-" + a[i] + ".jar"), jar(classes, a[i]));
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The plug-in's two classes, compiled once; the scanner reads its version from the jar it runs from. */
    static Map<String, byte[]> compile(Path work, String classpath) throws IOException {
        Path src = work.resolve("src/com/example/snap/internal");
        Files.createDirectories(src);
        Files.writeString(src.resolve("SnapDescriptor.java"), """
                package com.example.snap.internal;

                import io.redflag.scanner.PackageUpdateDTO;
                import io.redflag.scanner.ScanException;
                import io.redflag.scanner.SubsystemDescriptor;
                import io.redflag.version.VersionOrdering;
                import io.redflag.version.VersionOrderings;
                import java.util.ArrayList;
                import java.util.List;

                public final class SnapDescriptor implements SubsystemDescriptor {
                    @Override
                    public VersionOrdering versionOrdering() {
                        return VersionOrderings.SEMVER;
                    }

                    /** Lines of "name installed available". */
                    @Override
                    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
                        List<PackageUpdateDTO> out = new ArrayList<>();
                        for (String line : output.split("\\n")) {
                            String[] f = line.trim().split("\\\\s+");
                            if (f.length == 3) {
                                PackageUpdateDTO u = new PackageUpdateDTO();
                                u.id = f[0];
                                u.name = f[0];
                                u.installedVersion = f[1];
                                u.availableVersion = f[2];
                                out.add(u);
                            } else if (!line.isBlank()) {
                                throw new ScanException("not a snap listing line: " + line);
                            }
                        }
                        return out;
                    }
                }
                """);
        Files.writeString(src.resolve("SnapScanner.java"), """
                package com.example.snap.internal;

                import io.redflag.scanner.InstallResultDTO;
                import io.redflag.scanner.PackageScanner;
                import io.redflag.scanner.ScanContext;
                import io.redflag.scanner.ScanException;
                import io.redflag.scanner.ScanReportDTO;
                import io.redflag.scanner.TransactionPlanDTO;
                import java.io.IOException;
                import java.io.InputStream;
                import java.nio.charset.StandardCharsets;
                import java.util.List;

                public final class SnapScanner implements PackageScanner {
                    @Override
                    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
                        String version;
                        try (InputStream in = SnapScanner.class.getResourceAsStream("/OSGI-INF/snap-version.txt")) {
                            version = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                        } catch (IOException e) {
                            throw new ScanException("cannot read the plug-in's version: " + e.getMessage());
                        }
                        return ScanReportDTO.of(new SnapDescriptor().parseScanOutput("snap-plugin " + version + " " + version + "\\n"));
                    }

                    @Override
                    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
                        throw new ScanException("the bench plug-in installs nothing");
                    }

                    @Override
                    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
                        throw new ScanException("the bench plug-in installs nothing");
                    }
                }
                """);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            fail("no Java compiler: run with a JDK, not a JRE");
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-d", classes.toString(), "--release", "17", "-classpath", classpath,
                src.resolve("SnapDescriptor.java").toString(), src.resolve("SnapScanner.java").toString());
        if (rc != 0) {
            fail("the plug-in does not compile against " + classpath + ":\n" + errors);
        }
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** The manifest and component descriptions bnd would write (as itests' TestPlugins), for one version. */
    static byte[] jar(Map<String, byte[]> classes, String version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", NAME);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Name", "Snap scanner (bench plug-in)");
        a.putValue("Import-Package", "io.redflag.scanner;version=\"[1.0,2)\",io.redflag.version;version=\"[1.0,2)\"");
        a.putValue("Provide-Capability", "io.redflag.subsystem;ecosystem=" + ECOSYSTEM);
        a.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)"
                + "(!(version>=2.0.0)))\"");
        a.putValue("Service-Component", "OSGI-INF/com.example.snap.internal.SnapDescriptor.xml,"
                + "OSGI-INF/com.example.snap.internal.SnapScanner.xml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out)) {
            ByteArrayOutputStream manifest = new ByteArrayOutputStream();
            m.write(manifest);
            entry(jar, JarFile.MANIFEST_NAME, manifest.toByteArray());
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                entry(jar, c.getKey(), c.getValue());
            }
            entry(jar, "OSGI-INF/snap-version.txt", (version + "\n").getBytes(StandardCharsets.UTF_8));
            entry(jar, "OSGI-INF/com.example.snap.internal.SnapDescriptor.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="com.example.snap.internal.SnapDescriptor" immediate="true">
                      <property name="subsystem.ecosystem" type="String" value="snap"/>
                      <property name="subsystem.displayName" type="String" value="Snap (bench plug-in %s)"/>
                      <property name="subsystem.os" type="String">linux</property>
                      <property name="subsystem.defaultIntervalSeconds" type="Long" value="3600"/>
                      <property name="subsystem.kind" type="String" value="UPDATES"/>
                      <service><provide interface="io.redflag.scanner.SubsystemDescriptor"/></service>
                      <implementation class="com.example.snap.internal.SnapDescriptor"/>
                    </scr:component>
                    """.formatted(version).getBytes(StandardCharsets.UTF_8));
            entry(jar, "OSGI-INF/com.example.snap.internal.SnapScanner.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="com.example.snap.internal.SnapScanner">
                      <property name="scanner.ecosystem" type="String" value="snap"/>
                      <property name="osgi.ds.satisfying.condition.target" type="String" value="(osgi.condition.id=io.redflag.agent)"/>
                      <service><provide interface="io.redflag.scanner.PackageScanner"/></service>
                      <implementation class="com.example.snap.internal.SnapScanner"/>
                    </scr:component>
                    """.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void entry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(1_700_000_000_000L); // the same version builds to the same bytes (a re-publish is then a 200, not a 409)
        jar.putNextEntry(e);
        jar.write(bytes);
        jar.closeEntry();
    }

    static String bundleVersion(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String v = j.getManifest().getMainAttributes().getValue("Bundle-Version");
            if (v == null) {
                fail(jar + " has no Bundle-Version");
            }
            return v;
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record Answer(int status, byte[] body, long nanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String brief() {
            String t = text().replaceAll("\\s+", " ");
            return "HTTP " + status + (t.isEmpty() ? "" : ": " + (t.length() > 200 ? t.substring(0, 200) + "…" : t));
        }
    }

    /** One request; headers as name, value pairs. */
    static Answer call(String method, String url, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), System.nanoTime() - t0);
    }

    static Answer operator(String method, String url, String token, String json) throws IOException, InterruptedException {
        return call(method, url, json == null ? null : json.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + token,
                "Accept", "application/json", "Content-Type", json == null ? null : "application/json");
    }

    /** Publishes a jar; 201 (new) or 200 (these bytes were there). */
    static Answer publish(String url, String token, Path jar) throws IOException, InterruptedException {
        Answer r = call("POST", url + "/api/v1/artifacts", Files.readAllBytes(jar), "Authorization", "Bearer " + token,
                "Content-Type", JAR_TYPE, "Accept", "application/json");
        if (r.status() != 201 && r.status() != 200) {
            fail("publishing " + jar.getFileName() + ": " + r.brief());
        }
        return r;
    }

    /** Waits until the server's catalog describes snap (its node installed the published plug-in). */
    static void awaitCatalog(String url, String token, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        Answer r;
        do {
            r = operator("GET", url + "/api/v1/subsystems/" + ECOSYSTEM, token, null);
            if (r.status() == 200) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < until);
        fail("the server's catalog did not describe '" + ECOSYSTEM + "' within " + seconds + " s of publishing: " + r.brief());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ------------------------------------------------------------------------------------------------ swaps

    static final Pattern REGISTERED = Pattern.compile("registered as agent ([0-9a-fA-F-]{36})");
    static final Pattern DESIRED_LINE = Pattern.compile("desired state ([0-9a-f]{1,64}) in place in (\\d+) ms \\((\\d+) swapped, (\\d+) removed\\)");
    /** BundleReconciler's line for a round that found the bundle not yet in the signed targets (one per check-in). */
    static final Pattern RETRY_LINE = Pattern.compile("desired state [0-9a-f]+: [^\\n]*not in the signed metadata \\(yet\\)");
    static final Pattern BUNDLE_LINE = Pattern.compile("bundle " + Pattern.quote(NAME) + " (\\S+) in place in (\\d+) ms");

    static void swaps(String[] a) throws Exception {
        if (a.length != 8) {
            usage();
        }
        String url = a[1];
        String op = Files.readString(Path.of(a[2])).trim();
        Path log = Path.of(a[3]);
        Path dir = Path.of(a[4]);
        int swaps = Integer.parseInt(a[5]);
        int timeout = Integer.parseInt(a[6]);
        Path outFile = Path.of(a[7]);
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        String agentId = awaitLog(log, 0, REGISTERED, 90, "the agent to register").group(1);
        say("agent " + agentId + " registered");
        out.put("agentId", agentId);

        Path first = dir.resolve(NAME + "-1.0.0.jar");
        publish(url, op, first);
        awaitCatalog(url, op, 60);
        say("published 1.0.0; the server's catalog describes snap");

        // the install: enabling snap brings 1.0.0 in (first TUF root trusted, bundle installed and started)
        long offset = Files.size(log);
        long t0 = System.nanoTime();
        Answer en = operator("PUT", url + "/api/v1/agents/" + agentId + "/subsystems/" + ECOSYSTEM, op, "{\"enabled\":true}");
        if (en.status() != 200) {
            fail("enabling snap on the agent: " + en.brief());
        }
        Swap install = awaitSwap(url, op, agentId, log, offset, "1.0.0", sha256(Files.readAllBytes(first)), timeout, t0);
        say("install 1.0.0: " + install);
        out.put("installMillis", install.desiredMillis >= 0 ? install.desiredMillis : install.bundleMillis);
        out.put("installEnableToActiveMillis", install.wallMillis);

        List<Swap> done = new ArrayList<>();
        for (int i = 1; i <= swaps; i++) {
            String v = "1.0." + i;
            Path jar = dir.resolve(NAME + "-" + v + ".jar");
            offset = Files.size(log);
            t0 = System.nanoTime();
            publish(url, op, jar);
            Swap s = awaitSwap(url, op, agentId, log, offset, v, sha256(Files.readAllBytes(jar)), timeout, t0);
            say("swap " + i + "/" + swaps + " to " + v + ": " + s);
            done.add(s);
        }

        List<Long> desired = done.stream().map(s -> s.desiredMillis).filter(x -> x >= 0).toList();
        List<Long> bundle = done.stream().map(s -> s.bundleMillis).filter(x -> x >= 0).toList();
        List<Long> wall = done.stream().map(s -> s.wallMillis).toList();
        String source;
        List<Long> swapMillis;
        if (desired.size() == done.size()) {
            source = "desired state";
            swapMillis = desired;
        } else if (desired.isEmpty() && bundle.size() == done.size()) {
            // an agent jar built before AgentLoop logged the desired-state line: its per-bundle line is the next best
            source = "bundle";
            swapMillis = bundle;
            warnings.add("the agent logged no 'desired state … in place in N ms' line (an agent jar older than that line?): "
                    + "swapMillis are from its 'bundle " + NAME + " V in place in N ms' lines, which leave out the "
                    + "desired-state fetch and the TUF refresh");
        } else {
            source = "incomplete";
            swapMillis = desired.isEmpty() ? bundle : desired;
            errors.add("the agent's log lacked a swap line for " + (done.size() - Math.max(desired.size(), bundle.size()))
                    + " of " + done.size() + " swaps");
        }
        out.put("swaps", done.size());
        out.put("swapMillisP50", percentile(swapMillis, 50));
        out.put("swapMillisMax", swapMillis.isEmpty() ? null : Collections.max(swapMillis));
        out.put("swapMillisSource", source);
        out.put("swapMillis", swapMillis);
        out.put("bundleSwapMillisP50", percentile(bundle, 50));
        out.put("bundleSwapMillisMax", bundle.isEmpty() ? null : Collections.max(bundle));
        out.put("publishToActiveMillisP50", percentile(wall, 50));
        out.put("publishToActiveMillisMax", wall.isEmpty() ? null : Collections.max(wall));
        out.put("notInMetadataRetries", done.stream().mapToInt(s -> s.retries).sum());
        out.put("errors", errors);
        out.put("warnings", warnings);
        writeJson(outFile, out); // the script prints the warnings in its summary
        errors.forEach(e -> System.err.println("ERROR: " + e));
        if (!errors.isEmpty()) {
            System.exit(1);
        }
    }

    static final class Swap {
        long desiredMillis = -1;
        long bundleMillis = -1;
        long wallMillis;
        int retries;
        String hash;

        @Override
        public String toString() {
            return (desiredMillis >= 0 ? "desired state in place in " + desiredMillis + " ms" : "no desired-state line")
                    + ", bundle " + (bundleMillis >= 0 ? bundleMillis + " ms" : "?") + "; publish→active on the server "
                    + wallMillis + " ms" + (retries > 0 ? " (" + retries + " check-in(s) before the metadata listed it)" : "");
        }
    }

    /** Waits until the server shows the agent running VERSION active, then reads the agent's log lines for it. */
    static Swap awaitSwap(String url, String op, String agentId, Path log, long offset, String version, String sha,
            int timeout, long t0) throws Exception {
        long until = t0 + timeout * 1_000_000_000L;
        Swap s = new Swap();
        while (true) {
            Answer r = operator("GET", url + "/api/v1/agents/" + agentId, op, null);
            if (r.status() != 200) {
                fail("GET agent: " + r.brief());
            }
            Map<String, Object> agent = Json.obj(Json.parse(r.text()));
            Map<String, Object> b = null;
            for (Object o : Json.arr(agent.get("bundles"))) {
                Map<String, Object> m = Json.obj(o);
                if (NAME.equals(m.get("symbolicName"))) {
                    b = m;
                }
            }
            if (b != null && version.equals(b.get("version")) && "active".equals(b.get("state"))) {
                s.wallMillis = (System.nanoTime() - t0) / 1_000_000;
                if (!sha.equals(b.get("sha256"))) {
                    fail("the agent runs " + NAME + " " + version + " with sha256 " + b.get("sha256") + ", not the published " + sha);
                }
                s.hash = (String) agent.get("appliedDesiredState");
                break;
            }
            if (b != null && b.get("failure") instanceof String f && f.startsWith(version)) {
                fail("the agent failed to bring " + version + " in: " + f);
            }
            if (System.nanoTime() > until) {
                fail("the agent did not run " + NAME + " " + version + " within " + timeout + " s; the server shows "
                        + (b == null ? "no such bundle" : b) + " (agent log: " + log + ")");
            }
            Thread.sleep(200);
        }
        // the lines are written before the check-in that told the server; a moment for the log to be flushed
        long linesUntil = System.nanoTime() + 5_000_000_000L;
        while (true) {
            String text = readFrom(log, offset);
            Matcher d = DESIRED_LINE.matcher(text);
            while (d.find()) {
                if (s.hash != null && s.hash.startsWith(d.group(1))) {
                    s.desiredMillis = Long.parseLong(d.group(2));
                }
            }
            Matcher bl = BUNDLE_LINE.matcher(text);
            while (bl.find()) {
                if (bl.group(1).equals(version)) {
                    s.bundleMillis = Long.parseLong(bl.group(2));
                }
            }
            Matcher retry = RETRY_LINE.matcher(text);
            s.retries = 0;
            while (retry.find()) {
                s.retries++;
            }
            if (s.desiredMillis >= 0 && s.bundleMillis >= 0 || System.nanoTime() > linesUntil) {
                return s;
            }
            Thread.sleep(100);
        }
    }

    static String readFrom(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
    }

    static Matcher awaitLog(Path log, long offset, Pattern p, int seconds, String what) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        do {
            if (Files.exists(log)) {
                Matcher m = p.matcher(readFrom(log, offset));
                if (m.find()) {
                    return m;
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < until);
        fail("waited " + seconds + " s for " + what + " (agent log: " + log + ")");
        return null;
    }

    static Long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.max(0, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    static double percentileD(List<Double> values, int p) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.isEmpty() ? 0 : s.get(Math.max(0, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    // ------------------------------------------------------------------------------------------------ fleet

    /** One simulated agent. Its ticks never overlap (the next is scheduled at the end of the last). */
    static final class Sim {
        final int index;
        final String id;
        final String machine;
        final KeyPair key;
        volatile String access;
        volatile String refresh;
        String applied;
        String runVersion;
        String runSha;
        long rootVersion;
        long snapshotVersion;
        long targetsVersion;
        Map<String, Object> targets = Map.of();
        int failures;
        boolean reportPending;
        /** Written in this order (appliedAt first), read the other way round by the main thread. */
        volatile long appliedAt;
        volatile String appliedVersion = "";
        volatile long reportedAt;
        volatile String reportedVersion = "";

        Sim(int index, String id, String machine, KeyPair key, String access, String refresh) {
            this.index = index;
            this.id = id;
            this.machine = machine;
            this.key = key;
            this.access = access;
            this.refresh = refresh;
        }
    }

    /** Latencies of one kind of request (microseconds). */
    static final class Recorder {
        private long[] values = new long[1024];
        private int n;

        synchronized void add(long micros) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = micros;
        }

        synchronized void reset() {
            n = 0;
        }

        synchronized Map<String, Object> summary() {
            long[] s = Arrays.copyOf(values, n);
            Arrays.sort(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", n);
            if (n > 0) {
                m.put("p50Ms", s[Math.max(0, (int) Math.ceil(0.5 * n) - 1)] / 1000.0);
                m.put("p99Ms", s[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1000.0);
                m.put("maxMs", s[n - 1] / 1000.0);
            }
            return m;
        }
    }

    static final class Fleet {
        final String url;
        final String op;
        final int n;
        final int threads;
        final int regThreads;
        final Path baseJar;
        final Path nextJar;
        final int sample;
        final int timeout;
        final Path outFile;
        final List<Sim> sims = new ArrayList<>();
        final Map<String, Object> out = new LinkedHashMap<>();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ScheduledThreadPoolExecutor sched;
        volatile boolean running = true;
        volatile int poll = 15;
        final Map<String, Recorder> latency = new ConcurrentHashMap<>();
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> firstFailures = new ConcurrentLinkedQueue<>();
        final AtomicInteger failureCount = new AtomicInteger();
        final AtomicLong lateMax = new AtomicLong();

        Fleet(String[] a) {
            if (a.length != 11) {
                usage();
            }
            url = a[1];
            try {
                op = Files.readString(Path.of(a[2])).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the operator token: " + e.getMessage());
            }
            n = Integer.parseInt(a[3]);
            threads = Integer.parseInt(a[4]);
            regThreads = Integer.parseInt(a[5]);
            baseJar = Path.of(a[6]);
            nextJar = Path.of(a[7]);
            sample = Integer.parseInt(a[8]);
            timeout = Integer.parseInt(a[9]);
            outFile = Path.of(a[10]);
        }

        void run() throws Exception {
            String baseVersion = bundleVersion(baseJar);
            String nextVersion = bundleVersion(nextJar);
            String nextSha = sha256(Files.readAllBytes(nextJar));
            out.put("agents", n);
            out.put("simThreads", threads);
            out.put("errors", errors); // written as it stands when the file is
            out.put("baseVersion", baseVersion);
            out.put("nextVersion", nextVersion);

            publish(url, op, baseJar);
            awaitCatalog(url, op, 60);

            // --- registration, each with its own key and proof of possession (as RegisterAgents.java) ---
            long t0 = System.nanoTime();
            Answer tok = operator("POST", url + "/api/v1/registration-tokens", op,
                    "{\"seats\":" + n + ",\"expiresInSeconds\":3600,\"note\":\"hotswap bench\"}");
            if (tok.status() != 201 && tok.status() != 200) {
                fail("registration token: " + tok.brief());
            }
            String seat = field(tok.text(), "token");
            ExecutorService pool = Executors.newFixedThreadPool(regThreads);
            List<Future<Sim>> regs = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int id = i;
                regs.add(pool.submit(() -> register(seat, id)));
            }
            for (Future<Sim> f : regs) {
                sims.add(f.get());
            }
            long registerMs = (System.nanoTime() - t0) / 1_000_000;
            out.put("registerMs", registerMs);
            say(n + " agents registered in " + registerMs + " ms");

            // --- polling, each at a random phase of the poll interval ---
            sched = new ScheduledThreadPoolExecutor(threads, r -> {
                Thread t = new Thread(r, "sim");
                t.setDaemon(true);
                return t;
            });
            sched.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // ticks not yet due are dropped at the end
            for (Sim s : sims) {
                long delay = ThreadLocalRandom.current().nextLong(poll * 1000L);
                long planned = System.nanoTime() + delay * 1_000_000;
                sched.schedule(() -> tick(s, planned), delay, TimeUnit.MILLISECONDS);
            }

            // --- snap enabled for all of them ---
            t0 = System.nanoTime();
            List<Future<?>> puts = new ArrayList<>();
            for (Sim s : sims) {
                puts.add(pool.submit(() -> {
                    Answer r = operator("PUT", url + "/api/v1/agents/" + s.id + "/subsystems/" + ECOSYSTEM, op, "{\"enabled\":true}");
                    if (r.status() != 200) {
                        fail("enabling snap on agent " + s.id + ": " + r.brief());
                    }
                    return null;
                }));
            }
            for (Future<?> f : puts) {
                f.get();
            }
            pool.shutdown();
            long enabled = System.nanoTime();
            long enableMs = (enabled - t0) / 1_000_000;
            out.put("enableMs", enableMs);
            say("snap enabled on all " + n + " in " + enableMs + " ms; waiting for them to run " + NAME + " " + baseVersion);

            if (!await(baseVersion, enabled, true, timeout)) {
                finish(false);
                return;
            }
            long lastApplied = sims.stream().mapToLong(s -> s.appliedAt).max().orElse(enabled);
            out.put("initialConvergeSeconds", round((lastApplied - enabled) / 1e9));
            say("all run " + baseVersion + " " + round((lastApplied - enabled) / 1e9) + " s after the last enable");
            Thread.sleep(2000);

            // --- the measurement: publish at T, every agent applies it ---
            latency.values().forEach(Recorder::reset);
            counts.clear();
            lateMax.set(0);
            int failuresBefore = failureCount.get();
            long t = System.nanoTime();
            Answer p = publish(url, op, nextJar);
            long publishMs = (System.nanoTime() - t) / 1_000_000;
            if (p.status() != 201) {
                errors.add(nextJar.getFileName() + " was already published (HTTP " + p.status() + ")");
            }
            out.put("publishMs", publishMs);
            say("published " + nextVersion + " (" + publishMs + " ms); waiting for all " + n + " to apply it");
            boolean converged = await(nextVersion, t, false, timeout);
            long measuredUntil = System.nanoTime();
            List<Double> applied = new ArrayList<>();
            for (Sim s : sims) {
                if (s.appliedVersion.equals(nextVersion)) {
                    applied.add((s.appliedAt - t) / 1e9);
                }
            }
            out.put("pollIntervalSeconds", poll);
            out.put("convergedAgents", applied.size());
            if (converged) {
                double conv = Collections.max(applied);
                out.put("convergeSeconds", round(conv));
                out.put("convergeP50Seconds", round(percentileD(applied, 50)));
                out.put("convergeP90Seconds", round(percentileD(applied, 90)));
                out.put("goalSeconds", 2 * poll);
                out.put("goalMet", conv <= 2 * poll);
                // every agent reports its new state at a check-in 1 s after bringing it in
                if (await(nextVersion, t, true, 2 * poll + 10)) {
                    double rep = sims.stream().mapToLong(s -> s.reportedAt).max().orElse(t) - t;
                    out.put("reportedSeconds", round(rep / 1e9));
                }
                say("all " + n + " applied " + nextVersion + " within " + round(conv) + " s (p50 "
                        + round(percentileD(applied, 50)) + " s; goal: two poll intervals, " + 2 * poll + " s)");
            } else {
                out.put("convergeSeconds", null);
                out.put("goalMet", false);
            }
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("seconds", round((measuredUntil - t) / 1e9));
            new TreeMap<>(latency).forEach((k, v) -> window.put(k, v.summary()));
            Map<String, Object> c = new TreeMap<>();
            counts.forEach((k, v) -> c.put(k, v.sum()));
            window.put("responses", c);
            window.put("failures", failureCount.get() - failuresBefore);
            window.put("simLateMsMax", lateMax.get() / 1_000_000);
            out.put("window", window);
            if (lateMax.get() > 1_000_000_000L) {
                errors.add("the simulator ran up to " + lateMax.get() / 1_000_000 + " ms behind its schedule: it, not only "
                        + "the server, slowed convergence (more THREADS, or fewer AGENTS)");
            }
            finish(converged);
            if (converged) {
                confirm(nextVersion, nextSha);
            }
            writeJson(outFile, out);
            if (!errors.isEmpty() || !converged) {
                errors.forEach(e -> System.err.println("ERROR: " + e));
                System.exit(1);
            }
        }

        /** Stops the simulation and records failures. */
        void finish(boolean ok) throws Exception {
            running = false;
            sched.shutdown();
            sched.awaitTermination(70, TimeUnit.SECONDS);
            out.put("failures", failureCount.get());
            out.put("firstFailures", new ArrayList<>(firstFailures));
            if (failureCount.get() > 0) {
                errors.add(failureCount.get() + " simulated requests failed; first: " + firstFailures.peek());
            }
            if (!ok) {
                writeJson(outFile, out);
                errors.forEach(e -> System.err.println("ERROR: " + e));
                System.exit(1);
            }
        }

        /** Waits until every agent applied (or reported, when {@code reported}) a desired state running VERSION. */
        boolean await(String version, long since, boolean reported, int seconds) throws InterruptedException {
            long until = System.nanoTime() + seconds * 1_000_000_000L;
            long lastSay = System.nanoTime();
            while (true) {
                int done = 0;
                for (Sim s : sims) {
                    if ((reported ? s.reportedVersion : s.appliedVersion).equals(version)) {
                        done++;
                    }
                }
                if (done == sims.size()) {
                    return true;
                }
                if (System.nanoTime() > until) {
                    errors.add("after " + seconds + " s, " + done + " of " + sims.size() + " simulated agents "
                            + (reported ? "reported" : "applied") + " " + NAME + " " + version);
                    return false;
                }
                if (System.nanoTime() - lastSay > 10_000_000_000L) {
                    say(done + "/" + sims.size() + " " + (reported ? "reported" : "applied") + " " + version + " after "
                            + round((System.nanoTime() - since) / 1e9) + " s");
                    lastSay = System.nanoTime();
                }
                Thread.sleep(50);
            }
        }

        /** What the server says: appliedDesiredState of every simulated agent (list), bundles of a sample. */
        void confirm(String version, String sha) throws Exception {
            Set<String> hashes = new HashSet<>();
            sims.forEach(s -> hashes.add(s.applied));
            if (hashes.size() != 1) {
                errors.add("the simulated agents applied " + hashes.size() + " different desired states; expected one");
            }
            String hash = hashes.iterator().next();
            Answer list = operator("GET", url + "/api/v1/agents", op, null);
            if (list.status() != 200) {
                errors.add("GET /api/v1/agents: " + list.brief());
                return;
            }
            Set<String> ids = new HashSet<>();
            sims.forEach(s -> ids.add(s.id));
            int ok = 0;
            for (Object o : Json.arr(Json.parse(list.text()))) {
                Map<String, Object> agent = Json.obj(o);
                if (ids.contains(agent.get("id")) && hash.equals(agent.get("appliedDesiredState"))) {
                    ok++;
                }
            }
            out.put("serverConfirmedAgents", ok);
            if (ok != n) {
                errors.add("the server shows " + ok + " of " + n + " simulated agents with the applied desired state " + hash);
            }
            List<Sim> pick = new ArrayList<>(sims);
            Collections.shuffle(pick);
            pick = pick.subList(0, Math.min(sample, pick.size()));
            int good = 0;
            for (Sim s : pick) {
                Answer r = operator("GET", url + "/api/v1/agents/" + s.id, op, null);
                boolean fine = false;
                if (r.status() == 200) {
                    for (Object o : Json.arr(Json.obj(Json.parse(r.text())).get("bundles"))) {
                        Map<String, Object> b = Json.obj(o);
                        fine |= NAME.equals(b.get("symbolicName")) && version.equals(b.get("version"))
                                && "active".equals(b.get("state")) && sha.equals(b.get("sha256"));
                    }
                }
                if (fine) {
                    good++;
                } else if (errors.size() < 20) {
                    errors.add("the server does not show agent " + s.id + " running " + NAME + " " + version + ": " + r.brief());
                }
            }
            out.put("serverSample", good + "/" + pick.size());
            say("server side: " + ok + "/" + n + " agents with the applied desired state " + hash.substring(0, 12)
                    + "; sample of " + pick.size() + ": " + good + " run " + version + " active");
        }

        Sim register(String seat, int i) throws Exception {
            String machine = "hotswap-machine-" + i;
            String body = "{\"registrationToken\":\"" + seat + "\",\"machineId\":\"" + machine + "\",\"hostname\":\"hotswap-" + i
                    + "\",\"osFamily\":\"linux\",\"osVersion\":\"bench\",\"architecture\":\"x86_64\",\"agentVersion\":\"0.1.0\","
                    + "\"scanners\":[]}";
            KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String path = "/api/v1/agents/register";
            Answer r = call("POST", url + path, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json",
                    "Accept", "application/json", "DPoP", RegisterAgents.proof(key, "POST", path, body));
            if (r.status() != 200) {
                fail("register " + machine + ": " + r.brief());
            }
            Map<String, Object> m = Json.obj(Json.parse(r.text()));
            if (m.get("pollIntervalSeconds") instanceof Long p && p > 0) {
                poll = p.intValue();
            }
            return new Sim(i, (String) m.get("agentId"), machine, key, (String) m.get("accessToken"), (String) m.get("refreshToken"));
        }

        // --- one simulated agent's check-in, and what follows from it ---

        void tick(Sim s, long planned) {
            if (!running) {
                return;
            }
            lateMax.accumulateAndGet(System.nanoTime() - planned, Math::max);
            long delayMs;
            try {
                boolean carries = s.reportPending;
                Answer r = agentCall(s, "POST", "/check-in", checkInBody(s), "check-in");
                if (r.status() != 200) {
                    throw new IOException("check-in: " + r.brief());
                }
                if (carries) {
                    s.reportPending = false;
                    s.reportedAt = System.nanoTime();
                    s.reportedVersion = s.appliedVersion;
                }
                Map<String, Object> answer = Json.obj(Json.parse(r.text()));
                if (!Json.arr(answer.get("commands")).isEmpty()) {
                    count("check-in commands ignored");
                }
                long seconds = answer.get("pollIntervalSeconds") instanceof Long p && p > 0 ? p : 15;
                delayMs = seconds * 1000;
                Object desired = answer.get("desiredState");
                if (desired instanceof String d && !d.equals(s.applied) && bringIn(s)) {
                    delayMs = 1000; // says at once what runs now, as the agent does
                }
                s.failures = 0;
            } catch (Exception e) {
                failed(s, e);
                delayMs = Math.min(1000L << Math.min(s.failures++, 4), poll * 1000L);
            }
            if (running) {
                long next = System.nanoTime() + delayMs * 1_000_000;
                try {
                    sched.schedule(() -> tick(s, next), delayMs, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // the simulation ended meanwhile
                }
            }
        }

        String checkInBody(Sim s) {
            StringBuilder b = new StringBuilder("{\"agentVersion\":\"0.1.0\",\"scanners\":[");
            if (s.runVersion != null) {
                b.append('"').append(ECOSYSTEM).append('"');
            }
            b.append("],\"failedScanners\":[],\"quarantinedResults\":0,\"bundles\":[");
            if (s.runVersion != null) {
                b.append("{\"symbolicName\":\"").append(NAME).append("\",\"version\":\"").append(s.runVersion)
                        .append("\",\"state\":\"active\",\"sha256\":\"").append(s.runSha).append("\",\"base\":false}");
            }
            b.append("],\"appliedDesiredState\":").append(s.applied == null ? "null" : "\"" + s.applied + "\"").append('}');
            return b.toString();
        }

        /** Brings a changed desired state in; true when the bundles it "runs" changed. */
        boolean bringIn(Sim s) throws Exception {
            Answer d = agentCall(s, "GET", "/desired-state", null, "desired-state");
            if (d.status() != 200) {
                throw new IOException("desired-state: " + d.brief());
            }
            Map<String, Object> desired = Json.obj(Json.parse(d.text()));
            String hash = (String) desired.get("hash");
            List<Object> bundles = Json.arr(desired.get("bundles"));

            // the metadata requests of a TUF refresh (signatures are not checked here: see the header)
            String meta = "/updates/metadata/";
            if (s.rootVersion == 0) {
                need(agentCall(s, "GET", meta + "1.root.json", null, "metadata"), "1.root.json");
                s.rootVersion = 1;
            }
            Answer next = agentCall(s, "GET", meta + (s.rootVersion + 1) + ".root.json", null, "metadata");
            if (next.status() == 200) {
                s.rootVersion++;
            } else if (next.status() != 404) {
                throw new IOException((s.rootVersion + 1) + ".root.json: " + next.brief());
            }
            Map<String, Object> ts = signed(need(agentCall(s, "GET", meta + "timestamp.json", null, "metadata"), "timestamp.json"));
            long snapshot = Json.num(Json.obj(Json.obj(ts.get("meta")).get("snapshot.json")).get("version"));
            if (snapshot != s.snapshotVersion) {
                Map<String, Object> sn = signed(need(agentCall(s, "GET", meta + snapshot + ".snapshot.json", null, "metadata"),
                        snapshot + ".snapshot.json"));
                long targets = Json.num(Json.obj(Json.obj(sn.get("meta")).get("targets.json")).get("version"));
                if (targets != s.targetsVersion) {
                    Map<String, Object> tg = signed(need(agentCall(s, "GET", meta + targets + ".targets.json", null, "metadata"),
                            targets + ".targets.json"));
                    s.targets = Json.obj(tg.get("targets"));
                    s.targetsVersion = targets;
                }
                s.snapshotVersion = snapshot;
            }

            boolean retry = false;
            boolean changed = false;
            boolean wantsSnap = false;
            for (Object o : bundles) {
                Map<String, Object> b = Json.obj(o);
                String name = (String) b.get("symbolicName");
                String version = (String) b.get("version");
                String sha = (String) b.get("sha256");
                String target = (String) b.get("target");
                if (!NAME.equals(name) || version == null || sha == null || target == null) {
                    throw new IOException("the desired state lists an unexpected bundle: " + b);
                }
                wantsSnap = true;
                Object listed = s.targets.get(target);
                if (listed == null) {
                    count("not in the signed targets yet (retried at the next check-in)");
                    retry = true;
                    continue;
                }
                Map<String, Object> info = Json.obj(listed);
                String signedSha = (String) Json.obj(info.get("hashes")).get("sha256");
                long length = Json.num(info.get("length"));
                Map<String, Object> custom = Json.obj(info.get("custom"));
                if (!sha.equals(signedSha) || Json.num(b.get("length")) != length || !name.equals(custom.get("symbolicName"))
                        || !version.equals(custom.get("version"))) {
                    throw new IOException("the desired state's " + name + " " + version + " is not what the signed targets list: "
                            + b + " vs " + info);
                }
                if (version.equals(s.runVersion) && sha.equals(s.runSha)) {
                    continue; // runs it already
                }
                int slash = target.lastIndexOf('/');
                String path = target.substring(0, slash + 1) + sha + "." + target.substring(slash + 1);
                Answer jar = need(agentCall(s, "GET", "/updates/targets/" + path, null, "target"), path);
                if (jar.body().length != length || !sha256(jar.body()).equals(sha)) {
                    throw new IOException(path + ": got " + jar.body().length + " bytes with sha256 " + sha256(jar.body())
                            + ", signed: " + length + " bytes, sha256 " + sha);
                }
                s.runVersion = version;
                s.runSha = sha;
                changed = true;
            }
            if (!wantsSnap && s.runVersion != null) {
                s.runVersion = null;
                s.runSha = null;
                changed = true;
            }
            if (!retry) {
                s.applied = hash;
                s.reportPending = true;
                s.appliedAt = System.nanoTime();
                s.appliedVersion = s.runVersion == null ? "" : s.runVersion;
            }
            return changed;
        }

        static Answer need(Answer a, String what) throws IOException {
            if (a.status() != 200) {
                throw new IOException(what + ": " + a.brief());
            }
            return a;
        }

        static Map<String, Object> signed(Answer a) {
            return Json.obj(Json.obj(Json.parse(a.text())).get("signed"));
        }

        /** An agent route with the agent's token and machine id; on a 401, the token pair is renewed once. */
        Answer agentCall(Sim s, String method, String path, String json, String kind) throws Exception {
            Answer r = agentSend(s, method, path, json, kind);
            if (r.status() == 401) {
                renew(s);
                r = agentSend(s, method, path, json, kind);
            }
            return r;
        }

        Answer agentSend(Sim s, String method, String path, String json, String kind) throws Exception {
            Answer r;
            try {
                r = call(method, url + "/api/v1/agents/" + s.id + path, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                        "Authorization", "Bearer " + s.access, MACHINE_ID, s.machine, "Accept", "application/json",
                        "Content-Type", json == null ? null : "application/json");
            } catch (IOException e) {
                count(kind + " " + e.getClass().getSimpleName());
                throw e;
            }
            latency.computeIfAbsent(kind, k -> new Recorder()).add(r.nanos() / 1000);
            count(kind + " " + r.status());
            return r;
        }

        void renew(Sim s) throws Exception {
            String body = "{\"refreshToken\":\"" + s.refresh + "\"}";
            String path = "/api/v1/agents/token";
            Answer r = call("POST", url + path, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json",
                    "Accept", "application/json", MACHINE_ID, s.machine, "DPoP", RegisterAgents.proof(s.key, "POST", path, body));
            count("token " + r.status());
            if (r.status() != 200) {
                throw new IOException("token renewal: " + r.brief());
            }
            Map<String, Object> m = Json.obj(Json.parse(r.text()));
            s.access = (String) m.get("accessToken");
            s.refresh = (String) m.get("refreshToken");
        }

        void count(String what) {
            counts.computeIfAbsent(what, k -> new LongAdder()).increment();
        }

        void failed(Sim s, Exception e) {
            if (!running) {
                return;
            }
            failureCount.incrementAndGet();
            if (firstFailures.size() < 5) {
                firstFailures.add("agent " + s.index + ": " + e);
            }
        }
    }

    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    static String field(String json, String name) {
        Object v = Json.obj(Json.parse(json)).get(name);
        if (!(v instanceof String s)) {
            fail("no " + name + " in " + json);
            return null;
        }
        return s;
    }


    // ------------------------------------------------------------------------------------------------ JSON

    /** A small JSON reader: objects as LinkedHashMap, arrays as List, integers as Long, other numbers as Double. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            j.ws();
            Object v = j.value();
            j.ws();
            if (j.i != text.length()) {
                throw j.error("trailing characters");
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> obj(Object o) {
            if (o == null) {
                return Map.of();
            }
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("not a JSON object: " + o);
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static List<Object> arr(Object o) {
            if (o == null) {
                return List.of();
            }
            if (!(o instanceof List)) {
                throw new IllegalArgumentException("not a JSON array: " + o);
            }
            return (List<Object>) o;
        }

        static long num(Object o) {
            if (!(o instanceof Number x)) {
                throw new IllegalArgumentException("not a JSON number: " + o);
            }
            return x.longValue();
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException("bad JSON at " + i + ": " + why);
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(k, value());
                        ws();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        ws();
                        l.add(value());
                        ws();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return v;
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String t = s.substring(start, i);
            if (t.isEmpty()) {
                throw error("unexpected character '" + s.charAt(start) + "'");
            }
            return t.matches("-?\\d+") ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }
    }

    static void writeJson(Path file, Map<String, Object> m) throws IOException {
        StringBuilder b = new StringBuilder();
        write(b, m);
        Files.writeString(file, b.append('\n'));
    }

    static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String str) {
            b.append('"');
            for (char c : str.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> l) {
            b.append('[');
            boolean first = true;
            for (Object o : l) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, o);
            }
            b.append(']');
        } else {
            write(b, String.valueOf(v));
        }
    }
}
