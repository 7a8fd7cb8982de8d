// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.docker.internal.EngineJson.Container;
import io.redflag.scanner.docker.internal.EngineJson.LocalImage;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The few Docker Engine API calls the scanner makes, over the engine's unix socket. Paths carry no API
 * version prefix, so the engine answers in its own current version; the fields read exist since API 1.22.
 * Transport failures are IOExceptions; answers the engine gives but that make no sense are ScanExceptions.
 */
final class DockerEngine {

    private final UnixSocketHttp http;

    DockerEngine(Path socket) {
        this.http = new UnixSocketHttp(socket);
    }

    Path socket() {
        return http.socket();
    }

    /** False when nothing exists at the socket path: no engine on this host (or not configured). */
    boolean present() {
        return http.socketExists();
    }

    /** GET /images/json: the local images (tagged and untagged, not intermediate layers). */
    List<LocalImage> images(Instant deadline) throws IOException, ScanException {
        return EngineJson.images(ok(http.get("/images/json", deadline), "listing images").text());
    }

    /** GET /images/{name}/json; empty when the engine has no such image (404). */
    Optional<LocalImage> inspect(String nameOrId, Instant deadline) throws IOException, ScanException {
        UnixSocketHttp.Response r = http.get("/images/" + nameOrId + "/json", deadline);
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(EngineJson.inspect(ok(r, "inspecting image " + nameOrId).text()));
    }

    /**
     * GET /info: the registries the engine reaches over plain HTTP. An engine whose answer has no registry
     * settings (or is no JSON) is taken to have none: this only widens where the scanner may look, so it must
     * not fail a scan.
     */
    InsecureRegistries insecureRegistries(Instant deadline) throws IOException {
        UnixSocketHttp.Response r = http.get("/info", deadline);
        if (!r.ok()) {
            return InsecureRegistries.NONE;
        }
        try {
            return InsecureRegistries.fromInfo(EngineJson.parse(r.text(), "GET /info"));
        } catch (ScanException e) {
            return InsecureRegistries.NONE;
        }
    }

    /** GET /containers/json?all=1: running and stopped containers. */
    List<Container> containers(Instant deadline) throws IOException, ScanException {
        return EngineJson.containers(ok(http.get("/containers/json?all=1", deadline), "listing containers").text());
    }

    /**
     * POST /images/create?fromImage=…&amp;tag=…: pulls the tag. The engine pulls with its own (anonymous)
     * credentials because no X-Registry-Auth header is sent. An HTTP error before the stream starts
     * (404 "pull access denied", 500) is returned as an outcome with that error, like an error line.
     */
    PullStream.Outcome pull(ImageReference ref, Instant deadline) throws IOException, ScanException {
        String query = "fromImage=" + enc(ref.familiarName()) + "&tag=" + enc(ref.digest() != null ? ref.digest() : ref.tag());
        UnixSocketHttp.Response r = http.post("/images/create?" + query, deadline);
        if (!r.ok()) {
            String error = "HTTP " + r.status() + ": " + EngineJson.errorMessage(r.text());
            return new PullStream.Outcome(null, null, false, false, List.of(error), List.of("error: " + error));
        }
        return PullStream.parse(r.text());
    }

    private static UnixSocketHttp.Response ok(UnixSocketHttp.Response r, String what) throws ScanException {
        if (!r.ok()) {
            throw new ScanException("docker engine failed " + what + ": HTTP " + r.status() + " "
                    + EngineJson.errorMessage(r.text()));
        }
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
