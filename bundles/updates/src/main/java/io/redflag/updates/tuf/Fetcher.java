// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the client reads the repository. The client asks for names relative to the metadata or targets base and
 * reads each stream only as far as it allows (a signed length, or a configured cap, plus one byte to notice more),
 * then closes it; an implementation need not bound anything itself. {@link HttpFetcher} is the HTTP one.
 */
@ConsumerType
public interface Fetcher {

    /**
     * Opens a metadata file.
     *
     * @param fileName relative to the metadata base, role names already percent-encoded: {@code 3.root.json},
     *        {@code timestamp.json}, {@code 7.acme%2Fplugins.json}
     * @throws FileNotFoundException when the repository does not have the file (HTTP 404 or 403): for root this
     *         ends the search for newer versions, for other metadata it fails the update
     * @throws IOException when the repository could not be read
     */
    InputStream fetchMetadata(String fileName) throws IOException;

    /**
     * Opens a target file.
     *
     * @param path relative to the targets base, e.g. {@code bundles/<sha256>.scanner-1.2.0.jar}
     * @throws FileNotFoundException when the repository does not have the file
     * @throws IOException when the repository could not be read
     */
    InputStream fetchTarget(String path) throws IOException;
}
