// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import io.redflag.updates.tuf.internal.PercentEncoding;
import java.util.Set;

/**
 * Role names and the file names a TUF repository serves with consistent snapshots: {@code N.root.json},
 * {@code N.targets.json}, {@code N.<role>.json}, {@code N.snapshot.json}, an unversioned {@code timestamp.json}, and
 * targets as {@code <sha256>.<name>} in their own directory ({@code dir/<sha256>.file}).
 * <p>
 * Role names are percent-encoded in file names (everything but {@code A-Z a-z 0-9 _ . - ~}), as clients encode them
 * when they ask: a role called {@code a/b} is the file {@code 1.a%2Fb.json}.
 */
public final class RepositoryLayout {

    /** The root role. */
    public static final String ROOT = "root";
    /** The timestamp role. */
    public static final String TIMESTAMP = "timestamp";
    /** The snapshot role. */
    public static final String SNAPSHOT = "snapshot";
    /** The top-level targets role. */
    public static final String TARGETS = "targets";
    /** The four top-level roles; a delegated role may not take one of these names. */
    public static final Set<String> TOP_LEVEL_ROLES = Set.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS);

    private RepositoryLayout() {
    }

    /** A role's name as it appears in file names. */
    public static String encodeRoleName(String role) {
        return PercentEncoding.encode(role);
    }

    /** {@code <role>.json} as snapshot metadata lists a role: the name as it is, not encoded. */
    public static String metaName(String role) {
        return role + ".json";
    }

    /** {@code <role>.json} as a file name: how clients store a role's metadata, and how it is published unversioned. */
    public static String unversionedFile(String role) {
        return encodeRoleName(role) + ".json";
    }

    /** {@code N.<role>.json}. */
    public static String versionedFile(String role, long version) {
        return version + "." + encodeRoleName(role) + ".json";
    }

    /**
     * The name a role's metadata is published under: timestamp is never versioned, root always is (every version of
     * it stays available for clients catching up), the others are when consistent snapshots are used.
     */
    public static String publishedFile(String role, long version, boolean consistentSnapshot) {
        if (TIMESTAMP.equals(role)) {
            return unversionedFile(role);
        }
        return ROOT.equals(role) || consistentSnapshot ? versionedFile(role, version) : unversionedFile(role);
    }

    /** {@code dir/<hash>.file} for the target {@code dir/file}, relative to the targets base. */
    public static String targetFile(String targetPath, String hashHex) {
        int slash = targetPath.lastIndexOf('/');
        return targetPath.substring(0, slash + 1) + hashHex + "." + targetPath.substring(slash + 1);
    }
}
