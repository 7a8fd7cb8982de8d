// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a unix domain socket, enough for the Docker Engine API: one request per
 * connection ({@code Connection: close}), bodies framed by Content-Length, chunked encoding or end of stream.
 * java.net.http cannot speak over a unix socket, hence this class. Every read honours the caller's deadline.
 */
final class UnixSocketHttp {

    /** Upper bound for a body held in memory; a host with thousands of images stays far below it. */
    static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int MAX_LINE = 16 * 1024;

    /** A complete response; header names are lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Path socket;

    UnixSocketHttp(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /** True when something exists at the socket path; false means "no engine on this host". */
    boolean socketExists() {
        return Files.exists(socket);
    }

    Response get(String pathAndQuery, Instant deadline) throws IOException {
        return exchange("GET", pathAndQuery, deadline);
    }

    /** A POST without a body, as /images/create takes its arguments in the query. */
    Response post(String pathAndQuery, Instant deadline) throws IOException {
        return exchange("POST", pathAndQuery, deadline);
    }

    private Response exchange(String method, String pathAndQuery, Instant deadline) throws IOException {
        if (!socketExists()) {
            throw new NoSuchFileException(socket.toString(), null, "no docker engine socket");
        }
        String request = method + " " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: docker\r\n"
                + "User-Agent: redflag-docker-scanner\r\n"
                + "Accept: application/json\r\n"
                + (method.equals("POST") ? "Content-Length: 0\r\n" : "")
                + "Connection: close\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // the request is a few hundred bytes: a blocking write cannot stall on a local socket
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            // reads are non-blocking behind a selector so that the deadline can interrupt a silent engine
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            return read(new ChannelInput(channel, selector, deadline), method);
        }
    }

    /** Parses one response from {@code in}; package-private so tests can feed it raw bytes. */
    static Response read(InputStream in, String method) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IOException("bad HTTP status line: " + statusLine, e);
        }
        Map<String, String> headers = readHeaders(in);
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length").trim());
            if (length > MAX_BODY) {
                throw new IOException("response too large: " + length + " bytes");
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("connection closed after " + body.length + " of " + length + " bytes");
            }
        } else {
            body = readToEnd(in);  // Connection: close delimits the body
        }
        return new Response(status, headers, body);
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');  // chunk extensions are allowed and meaningless here
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine, e);
            }
            if (size == 0) {
                readHeaders(in);  // trailers, then the final empty line
                return body.toByteArray();
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new IOException("response too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in);  // the CRLF after the chunk data
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY) {
                throw new IOException("response too large");
            }
        }
        return body.toByteArray();
    }

    /** A line without its CR LF, or null at end of stream; header bytes are ISO-8859-1 by definition. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new IOException("header line too long");
            }
            line.write(b);
            b = in.read();
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads a non-blocking channel, waiting in the selector at most until the deadline. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private final Selector selector;
        private final Instant deadline;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();
        private boolean eof;

        ChannelInput(SocketChannel channel, Selector selector, Instant deadline) {
            this.channel = channel;
            this.selector = selector;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            if (eof) {
                return false;
            }
            buffer.clear();
            try {
                while (true) {
                    int n = channel.read(buffer);
                    if (n > 0) {
                        return true;
                    }
                    if (n < 0) {
                        eof = true;
                        return false;
                    }
                    long wait = Duration.between(Instant.now(), deadline).toMillis();
                    if (wait <= 0) {
                        throw new SocketTimeoutException("docker engine did not answer before the deadline");
                    }
                    selector.select(wait);
                    selector.selectedKeys().clear();
                }
            } finally {
                buffer.flip();
            }
        }
    }
}
