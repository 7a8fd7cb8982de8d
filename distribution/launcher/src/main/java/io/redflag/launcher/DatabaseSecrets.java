// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The embedded PostgreSQL's two passwords (superuser, application role), generated once and kept in a file only
 * the server's user can read. A file readable by others is refused.
 */
final class DatabaseSecrets {

    private final String superuser;
    private final String app;
    private final boolean existedBefore;

    private DatabaseSecrets(String superuser, String app, boolean existedBefore) {
        this.superuser = superuser;
        this.app = app;
        this.existedBefore = existedBefore;
    }

    /** The secrets kept in {@code file}, or new ones (not saved yet: see {@link #save}). */
    static DatabaseSecrets loadOrGenerate(Path file) throws IOException {
        return Files.exists(file) ? read(file, true) : new DatabaseSecrets(generate(), generate(), false);
    }

    /**
     * Keeps the secrets in {@code file} (0600), unless it exists: then the ones there win and are returned.
     * Saved before they are first needed to open the database, so a crash never leaves a cluster whose
     * password nobody knows.
     */
    DatabaseSecrets save(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "secrets", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, "superuser=" + superuser + "\napp=" + app + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, tmp);
            return this;
        } catch (FileAlreadyExistsException e) {
            return read(file, true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static DatabaseSecrets read(Path file, boolean existedBefore) throws IOException {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        if (!perms.equals("rw-------")) {
            throw new IOException("refusing " + file + " with permissions " + perms + "; it must be rw------- (chmod 600)");
        }
        String superuser = null;
        String app = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (String line : lines) {
            if (line.startsWith("superuser=")) {
                superuser = line.substring("superuser=".length()).trim();
            } else if (line.startsWith("app=")) {
                app = line.substring("app=".length()).trim();
            }
        }
        if (superuser == null || superuser.isEmpty() || app == null || app.isEmpty()) {
            throw new IOException(file + " does not hold both database passwords (superuser=…, app=…)");
        }
        return new DatabaseSecrets(superuser, app, existedBefore);
    }

    private static String generate() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The superuser password in a file of its own, for initdb's --pwfile; the caller deletes it. */
    Path superuserPasswordFile(Path privateDir) throws IOException {
        Path f = Files.createTempFile(privateDir, "pw", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, superuser + "\n", StandardCharsets.US_ASCII);
        return f;
    }

    String superuserPassword() {
        return superuser;
    }

    String appPassword() {
        return app;
    }

    boolean existedBefore() {
        return existedBefore;
    }
}
