// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer linux/amd64 image made in memory, as a registry stores it: the layer (a gzip'd tar holding the
 * file {@code /version}), the image config and a Docker v2 schema-2 manifest naming both. Equal contents give
 * equal bytes (no time stamps anywhere), so a digest can be computed before anything is pushed.
 */
record TestImage(byte[] layer, byte[] config, byte[] manifest) {

    static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String LIST_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** An image whose only file, {@code /version}, holds {@code content}. */
    static TestImage holding(String content) {
        byte[] tar = tar("version", content.getBytes(StandardCharsets.UTF_8));
        return of(tar, gzip(tar));
    }

    /**
     * An image whose layer blob is not gzip'd tar data: a registry stores it (it checks only the digest), an
     * engine fails when it unpacks it.
     */
    static TestImage unreadable(String content) {
        byte[] tar = tar("version", content.getBytes(StandardCharsets.UTF_8));
        return of(tar, ("not gzip: " + content).getBytes(StandardCharsets.UTF_8));
    }

    private static TestImage of(byte[] tar, byte[] layer) {
        ObjectNode config = EngineJson.MAPPER.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        // a command, so that a container can be created from the image (it is never started)
        config.putObject("config").putArray("Cmd").add("/version");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(sha256(tar));  // of the uncompressed tar: the engine checks it
        byte[] configBytes = bytes(config);
        ObjectNode manifest = EngineJson.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_TYPE);
        descriptor(manifest.putObject("config"), CONFIG_TYPE, configBytes);
        descriptor(manifest.putArray("layers").addObject(), LAYER_TYPE, layer);
        return new TestImage(layer, configBytes, bytes(manifest));
    }

    /**
     * A manifest list (a multi-arch index) naming this image's manifest for linux/amd64: what a tag of a
     * multi-arch image points at. The engine pulls the amd64 manifest and records the list's digest.
     */
    byte[] index() {
        ObjectNode list = EngineJson.MAPPER.createObjectNode();
        list.put("schemaVersion", 2);
        list.put("mediaType", LIST_TYPE);
        ObjectNode entry = list.putArray("manifests").addObject();
        descriptor(entry, MANIFEST_TYPE, manifest);
        entry.putObject("platform").put("architecture", "amd64").put("os", "linux");
        return bytes(list);
    }

    /** What a registry answers in Docker-Content-Digest and the engine records in RepoDigests. */
    String manifestDigest() {
        return sha256(manifest);
    }

    /** The config digest, which the engine uses as the image id. */
    String imageId() {
        return sha256(config);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void descriptor(ObjectNode node, String mediaType, byte[] blob) {
        node.put("mediaType", mediaType);
        node.put("size", blob.length);
        node.put("digest", sha256(blob));
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return EngineJson.MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // java.util.zip writes a zero modification time, so the layer's digest depends on its content only
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A POSIX ustar archive of one regular file (mode 0644, owner 0:0, time 0): a 512-byte header, the data
     * padded to 512 bytes, and two zero blocks. No tar library is a dependency of this module, and one file
     * needs no more than this.
     */
    static byte[] tar(String name, byte[] data) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, "00000000000");
        header[156] = '0';                                   // a regular file
        put(header, 257, "ustar");                           // "ustar\0" followed by version "00"
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';                                 // the checksum counts its own field as spaces
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));        // six digits, a NUL, and the space already there
        header[154] = 0;
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(header);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        tar.writeBytes(new byte[1024]);
        return tar.toByteArray();
    }

    private static void put(byte[] header, int offset, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);    // the byte after it stays 0: the field's NUL
    }
}
