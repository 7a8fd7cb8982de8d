// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker engine of the test's own: this machine's dockerd with its data, run state, socket, pid file,
 * trust key and configuration under one folder, no networking set up (no bridge, no iptables, no
 * ip_forward), and the vfs storage driver, which needs no overlay mounts. It starts its own containerd, whose
 * sockets live in the run folder. The host's /etc/docker/daemon.json and /etc/docker/key.json are not read
 * or written; the one thing outside the folder that dockerd makes whatever it is told, the empty
 * /run/docker/plugins, is removed again when it was not there before.
 */
final class PrivateDockerd implements AutoCloseable {

    /** Answers /_ping in about 1 s on the build machine; the bound is for a loaded CI machine. */
    static final Duration START = Duration.ofSeconds(30);
    /** Unix socket paths hold at most 107 bytes; containerd's longest lives under the run folder. */
    private static final String LONGEST_SOCKET = "exec/containerd/containerd.sock.ttrpc";
    private static final Path PLUGINS = Path.of("/run/docker/plugins");

    private final Path dir;
    private final Path socket;
    private final Path log;
    private final Process process;
    private final boolean runDockerExisted;
    private boolean closed;

    private PrivateDockerd(Path dir, Process process, boolean runDockerExisted) {
        this.dir = dir;
        this.socket = dir.resolve("docker.sock");
        this.log = dir.resolve("dockerd.log");
        this.process = process;
        this.runDockerExisted = runDockerExisted;
    }

    /**
     * Starts dockerd and waits until {@code GET /_ping} answers OK.
     *
     * @param dockerd the program
     * @param path the search path dockerd gets, in which it finds containerd
     */
    static PrivateDockerd start(Path dir, Path dockerd, String path) throws IOException, InterruptedException {
        if (dir.resolve(LONGEST_SOCKET).toString().length() > 107) {
            fail("the temporary folder " + dir + " is too deep for containerd's unix sockets; set java.io.tmpdir shorter");
        }
        // the trust key goes where the configuration says, not to /etc/docker/key.json (dockerd 20.10 has no flag for it)
        Path config = dir.resolve("daemon.json");
        Files.writeString(config, "{\"deprecated-key-path\": \"" + dir.resolve("key.json") + "\"}\n");
        boolean runDockerExisted = Files.exists(PLUGINS.getParent());
        ProcessBuilder pb = new ProcessBuilder(dockerd.toString(),
                "--config-file", config.toString(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--host", "unix://" + dir.resolve("docker.sock"),
                "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false",
                "--storage-driver=vfs")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", path);
        // pulls go to a loopback registry: a proxy from the environment must not be asked for them
        List.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy").forEach(env::remove);
        PrivateDockerd engine = new PrivateDockerd(dir, pb.start(), runDockerExisted);
        try {
            engine.awaitPing();
        } catch (Throwable e) {
            engine.close();  // the caller never gets the engine to stop
            throw e;
        }
        return engine;
    }

    Path socket() {
        return socket;
    }

    /** POST /images/create: pulls and checks that the stream ends with a newer image and no error. */
    String pull(String repository, String tag) throws IOException {
        UnixSocketHttp.Response r = call("POST", "/images/create?fromImage=" + enc(repository) + "&tag=" + enc(tag), null);
        assertThat(r.status()).as("pull %s:%s: %s", repository, tag, r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("\"error\"")
                .contains("Status: Downloaded newer image for " + repository + ":" + tag);
        return r.text();
    }

    /** POST /images/{name}/tag: one more tag for an existing image. */
    void tag(String image, String repository, String tag) throws IOException {
        UnixSocketHttp.Response r = call("POST",
                "/images/" + image + "/tag?repo=" + enc(repository) + "&tag=" + enc(tag), null);
        assertThat(r.status()).as("tag: %s", r.text()).isEqualTo(201);
    }

    /** POST /containers/create: a container that is created and never started; returns its id. */
    String createContainer(String name, String image) throws IOException {
        String body = EngineJson.MAPPER.createObjectNode().put("Image", image).toString();
        UnixSocketHttp.Response r = call("POST", "/containers/create?name=" + enc(name), body);
        assertThat(r.status()).as("create container: %s", r.text()).isEqualTo(201);
        return EngineJson.MAPPER.readTree(r.body()).get("Id").asText();
    }

    JsonNode inspectImage(String name) throws IOException {
        return json("/images/" + name + "/json");
    }

    JsonNode inspectContainer(String id) throws IOException {
        return json("/containers/" + id + "/json");
    }

    /**
     * One request on a fresh connection. The scanner's own client sends no body, and container creation needs
     * one, so the request is written here; the answer is read by the same parser.
     */
    UnixSocketHttp.Response call(String method, String pathAndQuery, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
                + (jsonBody == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        // a blocking channel: the test's @Timeout interrupts it, which closes it
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(head.length() + body.length)
                    .put(head.getBytes(StandardCharsets.ISO_8859_1)).put(body).flip();
            while (out.hasRemaining()) {
                c.write(out);
            }
            return UnixSocketHttp.read(Channels.newInputStream(c), method);
        }
    }

    String logText() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * SIGTERM (dockerd then stops its containerd, unmounts its data root and removes its socket), SIGKILL after
     * 20 s; then whatever it had started and left running, mounts it left under the folder, its data (root's
     * files, some of them links out of the folder, which are removed as links), and /run/docker if this engine
     * made it.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : descendants) {
            p.destroy();
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (Path mount : mountsUnder(dir)) {
            new ProcessBuilder("umount", "--lazy", mount.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
        for (String folder : List.of("data", "exec")) {
            if (Files.isDirectory(dir.resolve(folder))) {
                try (Stream<Path> files = Files.walk(dir.resolve(folder))) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);  // a link is deleted, never followed
                    }
                }
            }
        }
        if (!runDockerExisted) {
            deleteIfEmpty(PLUGINS);
            deleteIfEmpty(PLUGINS.getParent());
        }
    }

    private void awaitPing() throws InterruptedException {
        Instant deadline = Instant.now().plus(START);
        UnixSocketHttp http = new UnixSocketHttp(socket);
        String last = "no socket yet";
        while (true) {
            if (!process.isAlive()) {
                fail("dockerd exited with " + process.exitValue() + " before answering /_ping; its log:\n" + logText());
            }
            try {
                UnixSocketHttp.Response r = http.get("/_ping", Instant.now().plusSeconds(5));
                if (r.status() == 200 && r.text().equals("OK")) {
                    return;
                }
                last = "HTTP " + r.status() + " " + r.text();
            } catch (IOException e) {
                last = e.toString();  // no socket yet, or nobody listening on it yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("dockerd did not answer /_ping within " + START.toSeconds() + " s (last: " + last + "); its log:\n"
                        + logText());
            }
            Thread.sleep(50);
        }
    }

    private JsonNode json(String path) throws IOException {
        UnixSocketHttp.Response r = call("GET", path, null);
        assertThat(r.status()).as("GET %s: %s", path, r.text()).isEqualTo(200);
        return EngineJson.MAPPER.readTree(r.body());
    }

    /** Mount points at or below {@code dir}, deepest first, from /proc/self/mountinfo (field 5, octal escapes). */
    private static List<Path> mountsUnder(Path dir) throws IOException {
        List<Path> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                Path mount = Path.of(unescape(fields[4]));
                if (mount.startsWith(dir)) {
                    mounts.add(mount);
                }
            }
        }
        mounts.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return mounts;
    }

    private static String unescape(String field) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                s.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
