// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry (Distribution API v2) which manifest digest a tag points at, with
 * {@code HEAD /v2/<repo>/manifests/<tag>} and its {@code Docker-Content-Digest} header. HEAD is what
 * Docker Hub recommends for update checks: it does not count against the pull rate limit.
 * <p>
 * Anonymous only: on 401 it follows the Bearer challenge (realm, service, scope), fetches a token without
 * credentials and retries once. Answers are cached per repository and tag for {@link #CACHE_TTL}.
 */
final class RegistryClient {

    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** Lists and indexes too: the digest the engine records for a multi-arch tag is the index digest. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final Duration MAX_REQUEST = Duration.ofSeconds(30);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Why a look-up gave no digest. */
    enum Problem { RATE_LIMITED, UNAUTHORIZED, NOT_FOUND, FAILED }

    /** Either a digest or a problem with a message an operator can act on. */
    record Answer(String digest, Problem problem, String message) {
        static Answer found(String digest) {
            return new Answer(digest, null, null);
        }

        static Answer failed(Problem problem, String message) {
            return new Answer(null, problem, message);
        }

        boolean ok() {
            return digest != null;
        }
    }

    private record Cached(String digest, Instant at) {}

    private final HttpClient http;
    private final Clock clock;
    private final Function<String, URI> baseUri;
    private final Function<String, URI> plainBaseUri;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Uses HTTPS, except plain HTTP for the registry hosts listed in {@code insecureHosts} ("localhost:5000"). */
    RegistryClient(Set<String> insecureHosts) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build(),
                Clock.systemUTC(),
                host -> URI.create((insecureHosts.contains(host) ? "http://" : "https://") + host),
                host -> URI.create("http://" + host));
    }

    /**
     * For tests: {@code baseUri} maps a registry host ("registry-1.docker.io") to the scheme and authority
     * to talk to (a fake registry on loopback); {@code clock} drives cache expiry.
     */
    RegistryClient(HttpClient http, Clock clock, Function<String, URI> baseUri) {
        this(http, clock, baseUri, baseUri);
    }

    /**
     * For tests: as above, with {@code plainBaseUri} for the plain-HTTP attempt that follows a failed HTTPS one
     * at a registry the engine treats as insecure.
     */
    RegistryClient(HttpClient http, Clock clock, Function<String, URI> baseUri, Function<String, URI> plainBaseUri) {
        this.http = http;
        this.clock = clock;
        this.baseUri = baseUri;
        this.plainBaseUri = plainBaseUri;
    }

    /** The digest {@code ref}'s tag points at on its registry now (or at most {@link #CACHE_TTL} ago). */
    Answer digest(ImageReference ref, Instant deadline) {
        return digest(ref, deadline, false);
    }

    /**
     * Like {@link #digest(ImageReference, Instant)}, for a registry the engine may reach over plain HTTP.
     *
     * @param plainHttpFallback the engine treats the registry as insecure: as the engine does, HTTPS is tried
     *        first and plain HTTP when HTTPS cannot be spoken with it (a registry on 127.0.0.1 usually speaks HTTP)
     */
    Answer digest(ImageReference ref, Instant deadline, boolean plainHttpFallback) {
        String key = ref.canonical();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.at().plus(CACHE_TTL))) {
            return Answer.found(cached.digest());
        }
        String host = ref.registryHost();
        String what = ref.familiarTagged() + " on " + host;
        URI base = baseUri.apply(host);
        try {
            Answer answer;
            try {
                answer = lookUp(ref, base, what, deadline);
            } catch (IOException overHttps) {
                if (!plainHttpFallback || !"https".equals(base.getScheme())) {
                    throw overHttps;
                }
                try {
                    answer = lookUp(ref, plainBaseUri.apply(host), what, deadline);
                } catch (IOException overHttp) {
                    return Answer.failed(Problem.FAILED, what + ": registry unreachable over HTTPS (" + overHttps
                            + ") and over plain HTTP (" + overHttp + ")");
                }
            }
            if (answer.ok()) {
                cache.put(key, new Cached(answer.digest(), now));
            }
            return answer;
        } catch (IOException e) {
            return Answer.failed(Problem.FAILED, what + ": registry unreachable (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(Problem.FAILED, what + ": interrupted");
        }
    }

    /** One look-up at {@code base} ("https://host"): HEAD, the anonymous token if asked for, GET if needed. */
    private Answer lookUp(ImageReference ref, URI base, String what, Instant deadline)
            throws IOException, InterruptedException {
        URI manifest = URI.create(base + "/v2/" + ref.path() + "/manifests/" + ref.tag());
        String token = null;
        HttpResponse<byte[]> r = send(manifest, "HEAD", null, deadline);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Answer.failed(Problem.UNAUTHORIZED, what + ": the registry wants credentials ("
                        + (challenge.isEmpty() ? "no challenge" : challenge.split(" ", 2)[0])
                        + " authentication); only anonymous access is supported");
            }
            Answer tokenAnswer = token(challenge, ref, deadline);
            if (!tokenAnswer.ok()) {
                return tokenAnswer;
            }
            token = tokenAnswer.digest();
            r = send(manifest, "HEAD", token, deadline);
        }
        if (r.statusCode() == 200 && r.headers().firstValue(DIGEST_HEADER).isEmpty()) {
            // some registries omit the header on HEAD: the digest is the SHA-256 of the manifest bytes
            r = send(manifest, "GET", token, deadline);
            if (r.statusCode() == 200 && r.headers().firstValue(DIGEST_HEADER).isEmpty()) {
                return Answer.found(sha256(r.body()));
            }
        }
        return interpret(r, what);
    }

    private static Answer interpret(HttpResponse<byte[]> r, String what) {
        switch (r.statusCode()) {
            case 200:
                return r.headers().firstValue(DIGEST_HEADER).map(Answer::found)
                        .orElse(Answer.failed(Problem.FAILED, what + ": no Docker-Content-Digest header"));
            case 401:
            case 403:
                return Answer.failed(Problem.UNAUTHORIZED, what + ": access denied (HTTP " + r.statusCode()
                        + ") even with an anonymous token; private images need credentials, which are not supported");
            case 404:
                return Answer.failed(Problem.NOT_FOUND, what + ": tag or repository not found on the registry");
            case 429:
                return Answer.failed(Problem.RATE_LIMITED, what + ": rate limit reached (HTTP 429)"
                        + r.headers().firstValue("Retry-After").map(s -> ", retry after " + s + " s").orElse("")
                        + "; try again later");
            default:
                return Answer.failed(Problem.FAILED, what + ": registry answered HTTP " + r.statusCode());
        }
    }

    /** Fetches an anonymous token; on success the answer's digest field carries the token. */
    private Answer token(String challenge, ImageReference ref, Instant deadline)
            throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String what = ref.familiarTagged() + " on " + ref.registryHost();
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            return Answer.failed(Problem.UNAUTHORIZED, what + ": Bearer challenge without a realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (params.containsKey("service")) {
            url.append("service=").append(enc(params.get("service"))).append('&');
        }
        url.append("scope=").append(enc(params.getOrDefault("scope", "repository:" + ref.path() + ":pull")));
        HttpResponse<byte[]> r = send(URI.create(url.toString()), "GET", null, deadline);
        if (r.statusCode() == 429) {
            return interpret(r, what + " (token endpoint)");
        }
        if (r.statusCode() != 200) {
            return Answer.failed(Problem.UNAUTHORIZED, what + ": token endpoint answered HTTP " + r.statusCode());
        }
        JsonNode json = EngineJson.MAPPER.readTree(r.body());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        return token.isEmpty() ? Answer.failed(Problem.UNAUTHORIZED, what + ": token endpoint gave no token")
                : Answer.found(token);
    }

    private HttpResponse<byte[]> send(URI uri, String method, String bearer, Instant deadline)
            throws IOException, InterruptedException {
        // the deadline is wall-clock time from the platform; the injectable clock only ages the cache
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new IOException("deadline passed before asking " + uri.getHost());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(left.compareTo(MAX_REQUEST) < 0 ? left : MAX_REQUEST)
                .header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
