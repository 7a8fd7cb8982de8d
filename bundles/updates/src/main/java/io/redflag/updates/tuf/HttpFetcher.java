// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Fetcher} over HTTP(S) with the JDK's {@link HttpClient}: names are resolved against a metadata base URL
 * and a targets base URL. 404 and 403 mean "not there" ({@link FileNotFoundException}); any other status but 200 is
 * an {@link IOException}. Bodies are streamed: the client stops reading at its limit and closes the stream, which
 * aborts the transfer.
 */
public final class HttpFetcher implements Fetcher {

    private final HttpClient http;
    private final String metadataBase;
    private final String targetsBase;
    private final Duration timeout;

    /**
     * @param metadataBase e.g. {@code https://updates.example.com/tuf/metadata/}
     * @param targetsBase e.g. {@code https://updates.example.com/tuf/targets/}, or {@code null} for a client that
     *        only reads metadata
     * @param timeout for connecting and for the response headers to arrive
     */
    public HttpFetcher(URI metadataBase, URI targetsBase, Duration timeout) {
        this.metadataBase = withSlash(Objects.requireNonNull(metadataBase, "metadataBase"));
        this.targetsBase = targetsBase == null ? null : withSlash(targetsBase);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // plain HTTP/1.1: no h2c upgrade attempt, which simple static servers (and test servers) do not expect
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static String withSlash(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    @Override
    public InputStream fetchMetadata(String fileName) throws IOException {
        return get(metadataBase, fileName);
    }

    @Override
    public InputStream fetchTarget(String path) throws IOException {
        if (targetsBase == null) {
            throw new IOException("no targets base URL configured");
        }
        return get(targetsBase, path);
    }

    private InputStream get(String base, String relative) throws IOException {
        URI uri = URI.create(base + escape(relative));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        response.body().close();
        if (status == 404 || status == 403) {
            throw new FileNotFoundException(uri + ": HTTP " + status);
        }
        throw new IOException(uri + ": HTTP " + status);
    }

    /**
     * Percent-encodes what may not appear in a URL path (spaces, non-ASCII, {@code ?}, {@code #}…), keeping
     * {@code /} as the separator and {@code %} as is: metadata names arrive with role names already encoded.
     */
    static String escape(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
            if (allowed) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
