// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This machine's real registry (Debian's docker-registry, the CNCF distribution) on a free loopback port,
 * storing under a folder of the test's. Images are published over the Distribution API as any client
 * pushes them: blob uploads (POST, then PUT with the digest) and a manifest PUT.
 */
final class LoopbackRegistry implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);

    private final Path storage;
    private final Path log;
    private final String host;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoopbackRegistry(Path storage, Path log, String host, Process process) {
        this.storage = storage;
        this.log = log;
        this.host = host;
        this.process = process;
    }

    /** Starts {@code docker-registry serve} and waits until {@code GET /v2/} answers 200. */
    static LoopbackRegistry start(Path dir, Path program) throws IOException, InterruptedException {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("config.yml");
        Path log = dir.resolve("registry.log");
        String host = "127.0.0.1:" + freePort();
        // the host's /etc/docker/registry/config.yml is not read: the configuration is the file named here
        Files.writeString(config, """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: %s
                """.formatted(storage, host));
        Process p = new ProcessBuilder(program.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackRegistry registry = new LoopbackRegistry(storage, log, host, p);
        try {
            registry.awaitReady();
        } catch (Throwable e) {
            registry.close();  // the caller never gets the registry to stop
            throw e;
        }
        return registry;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (true) {
            if (!process.isAlive()) {
                fail("docker-registry exited with " + process.exitValue() + " before answering; its log:\n" + logText());
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/v2/")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("docker-registry did not answer GET /v2/ within " + START.toSeconds() + " s; its log:\n" + logText());
            }
            Thread.sleep(50);
        }
    }

    /** "127.0.0.1:port", as it is written in image names. */
    String host() {
        return host;
    }

    /**
     * Pushes {@code image} as {@code repository:tag} and returns the Docker-Content-Digest the registry
     * gave the manifest, after checking that it is the digest of the bytes pushed.
     */
    String push(String repository, String tag, TestImage image) throws IOException, InterruptedException {
        upload(repository, image.layer());
        upload(repository, image.config());
        return putManifest(repository, tag, TestImage.MANIFEST_TYPE, image.manifest());
    }

    /**
     * Pushes {@code image} by digest and a manifest list naming it as {@code repository:tag}, as a multi-arch
     * image is published; returns the list's digest.
     */
    String pushIndex(String repository, String tag, TestImage image) throws IOException, InterruptedException {
        push(repository, image.manifestDigest(), image);
        return putManifest(repository, tag, TestImage.LIST_TYPE, image.index());
    }

    private String putManifest(String repository, String reference, String type, byte[] manifest)
            throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        assertThat(r.statusCode()).as("manifest PUT: %s", r.body()).isEqualTo(201);
        String digest = r.headers().firstValue("Docker-Content-Digest").orElse(null);
        assertThat(digest).as("the registry's digest of the manifest").isEqualTo(TestImage.sha256(manifest));
        return digest;
    }

    /** The registry's answer to the request the scanner makes: a HEAD of the tag's manifest. */
    HttpResponse<String> headManifest(String repository, String tag) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Accept", TestImage.MANIFEST_TYPE).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * Removes a repository from the registry's storage, as an administrator deleting it does (the
     * Distribution API deletes manifests, not repositories): the registry then no longer knows it.
     */
    void forget(String repository) throws IOException {
        Path repo = storage.resolve("docker/registry/v2/repositories").resolve(repository);
        assertThat(repo).isDirectory();
        try (Stream<Path> files = Files.walk(repo)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(repo).doesNotExist();
    }

    String logText() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.length() > 6000 ? "…" + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGTERM, and SIGKILL if it is still there after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A blob upload in two steps: POST opens a session (202, Location), PUT with the digest completes it (201). */
    private void upload(String repository, byte[] blob) throws IOException, InterruptedException {
        HttpResponse<String> opened = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(opened.statusCode()).as("blob upload POST: %s", opened.body()).isEqualTo(202);
        String location = opened.headers().firstValue("Location").orElseThrow();
        URI session = uri("/").resolve(location);  // absolute in distribution 2.8, relative in others
        URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest=" + TestImage.sha256(blob));
        HttpResponse<String> done = send(HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)));
        assertThat(done.statusCode()).as("blob upload PUT: %s", done.body()).isEqualTo(201);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + host + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
