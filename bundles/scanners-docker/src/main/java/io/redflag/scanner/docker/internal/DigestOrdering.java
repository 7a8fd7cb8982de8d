// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.version.VersionOrdering;

/**
 * The "versions" of a Docker image tag are manifest digests ("sha256:…"), which have no order: a tag moves
 * to a new digest, it never gets a bigger one. Only equality means something here. To satisfy the total
 * order the SPI asks for, different digests compare by their text, which says nothing about which is newer;
 * callers must treat "different" as "update available", never "greater" as "newer".
 */
enum DigestOrdering implements VersionOrdering {
    INSTANCE;

    @Override
    public String scheme() {
        return "digest";
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Integer.signum(a.trim().compareTo(b.trim()));
    }
}
