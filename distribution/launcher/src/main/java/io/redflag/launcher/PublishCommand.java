// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code redflag-server publish FILE.jar… [--server http://127.0.0.1:8080] [--token-file F]}: sends bundles to a
 * running server's artifact repository. The admin token comes from {@code --token-file}, else
 * {@code $REDFLAG_OPERATOR_TOKEN}, else the server's {@code initial-operator-token} in {@code --data-dir}: never
 * from the command line, where other users of the host could read it in the process list.
 * Exit 0 when every bundle is in the repository (new, or these very bytes already), 1 when the server refused one
 * (its reason printed), 2 for a wrong command line.
 */
final class PublishCommand {

    static final String USAGE = "usage: redflag-server publish FILE.jar... [--core PLATFORM] [--server http://127.0.0.1:8080] "
            + "[--token-file FILE | $REDFLAG_OPERATOR_TOKEN] [--data-dir data/server]\n"
            + "       (--core linux-amd64: the files are agent cores, redflag-agent.jar, for that platform)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishCommand() {}

    static int run(String[] argv, PrintStream out, PrintStream err) {
        Args a = Args.parse(argv, 1, Set.of("server", "token-file", "data-dir", "core"));
        if (a.positional.contains("help")) {
            out.println(USAGE);
            return 0;
        }
        List<String> files = a.positional;
        if (files.isEmpty()) {
            throw new Args.UsageException("name at least one bundle (.jar) to publish\n" + USAGE);
        }
        String server = a.get("server", "http://127.0.0.1:8080").replaceAll("/+$", "");
        if (!server.startsWith("http://") && !server.startsWith("https://")) {
            throw new Args.UsageException("--server must be an http:// or https:// URL, not '" + server + "'");
        }
        String core = a.get("core", null);
        if (core != null && !core.matches("[a-z0-9]{1,20}-[a-z0-9_]{1,20}")) {
            throw new Args.UsageException("--core needs a platform such as linux-amd64, not '" + core + "'");
        }
        String route = core == null ? "/api/v1/artifacts" : "/api/v1/cores/" + core;
        String name = core == null ? "symbolicName" : "platform";
        String token = token(a);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int failed = 0;
        for (String f : files) {
            Path file = Path.of(f);
            if (!Files.isRegularFile(file)) {
                failed++;
                err.println(f + ": no such file");
                continue;
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server + route))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = parse(r.body());
                if (r.statusCode() == 201 || r.statusCode() == 200) {
                    out.printf("%s %s %s %s (%d bytes, sha256 %s)%n", file.getFileName(),
                            r.statusCode() == 201 ? "published as" : "already published as", (core == null ? "" : "core for ")
                            + text(body, name),
                            text(body, "version"), body == null ? 0 : body.path("length").asLong(), text(body, "sha256"));
                } else {
                    failed++;
                    err.printf("%s: refused (%d %s): %s%n", file.getFileName(), r.statusCode(), text(body, "error"),
                            body == null ? r.body() : text(body, "detail"));
                }
            } catch (IOException e) {
                failed++;
                err.println(f + ": cannot send it to " + server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static String token(Args a) {
        String file = a.get("token-file", null);
        if (file == null) {
            String env = System.getenv("REDFLAG_OPERATOR_TOKEN");
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            file = Path.of(a.get("data-dir", "data/server")).resolve("initial-operator-token").toString();
        }
        try {
            String t = Files.readString(Path.of(file)).trim();
            if (t.isEmpty()) {
                throw new Args.UsageException("the token file " + file + " is empty");
            }
            return t;
        } catch (IOException e) {
            throw new Args.UsageException("no operator token: cannot read " + file
                    + " (give --token-file or set REDFLAG_OPERATOR_TOKEN)");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body == null ? "?" : body.path(field).asText("?");
    }
}
