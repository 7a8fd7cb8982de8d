// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/**
 * A file of known length and SHA-256 as an HTTP answer, whole or one byte range (RFC 9110 §14): {@code Accept-Ranges},
 * a strong {@code ETag} (the hash), {@code Repr-Digest} (RFC 9530: the hash of the whole file, so a client resuming
 * with ranges can check what it assembled), {@code If-Range} honoured, a range past the end answered 416 with the
 * length. Several ranges in one request, or a malformed one, get the whole file (RFC 9110 allows ignoring Range).
 */
final class RangedFile {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private RangedFile() {}

    static Response of(Path file, long length, String sha256, String mediaType, String fileName, HttpHeaders request) {
        String etag = "\"" + sha256 + "\"";
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":";
        long start = 0;
        long end = length - 1;
        boolean partial = false;
        String range = request.getHeaderString("Range");
        String ifRange = request.getHeaderString("If-Range");
        if (range != null && (ifRange == null || ifRange.trim().equals(etag))) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) { // the last n bytes
                    long n = Long.parseLong(m.group(2));
                    if (n == 0) {
                        return unsatisfiable(length, etag);
                    }
                    start = Math.max(0, length - n);
                } else {
                    start = Long.parseLong(m.group(1));
                    if (start >= length) {
                        return unsatisfiable(length, etag);
                    }
                    if (!m.group(2).isEmpty()) {
                        long last = Long.parseLong(m.group(2));
                        if (last < start) {
                            return unsatisfiable(length, etag);
                        }
                        end = Math.min(last, length - 1);
                    }
                }
                partial = true;
            }
        }
        long from = start;
        long count = end - start + 1;
        StreamingOutput body = out -> copy(file, from, count, out);
        Response.ResponseBuilder r = Response.status(partial ? 206 : 200).entity(body).type(mediaType)
                .header("Accept-Ranges", "bytes").header("ETag", etag).header("Repr-Digest", digest)
                .header("Content-Length", count).header("Cache-Control", "private, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff");
        if (fileName != null) {
            r.header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        }
        if (partial) {
            r.header("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        return r.build();
    }

    private static Response unsatisfiable(long length, String etag) {
        return Response.fromResponse(ErrorBodies.of(416, "range_not_satisfiable",
                "the range is outside the file's " + length + " bytes")).header("Content-Range", "bytes */" + length)
                .header("ETag", etag).build();
    }

    private static void copy(Path file, long from, long count, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(from);
            InputStream in = Channels.newInputStream(ch);
            byte[] buf = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("file ended " + left + " bytes early");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}
