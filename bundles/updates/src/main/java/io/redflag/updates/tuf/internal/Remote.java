// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.Fetcher;
import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The repository, through the {@link Fetcher}: every read bounded, every failure a {@link TufException}. */
public final class Remote {

    private final Fetcher fetcher;

    public Remote(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** A metadata file, or empty when the repository does not have it. */
    public Optional<byte[]> metadataIfPresent(String fileName, long limit, String role) throws TufException {
        try {
            InputStream in = fetcher.fetchMetadata(fileName);
            return Optional.of(BoundedInput.readAll(in, limit, role, fileName));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new TufException(Reason.FETCH_FAILED, role, "cannot fetch " + fileName + ": " + e, e);
        }
    }

    /** A metadata file the workflow needs. */
    public byte[] metadata(String fileName, long limit, String role) throws TufException {
        return metadataIfPresent(fileName, limit, role).orElseThrow(() -> new TufException(Reason.METADATA_NOT_FOUND,
                role, "the repository has no " + fileName));
    }

    /** Opens a target file. */
    public InputStream target(String path) throws TufException {
        try {
            return fetcher.fetchTarget(path);
        } catch (FileNotFoundException e) {
            throw new TufException(Reason.TARGET_NOT_FOUND, null, "the repository has no target file " + path, e);
        } catch (IOException | RuntimeException e) {
            throw new TufException(Reason.FETCH_FAILED, null, "cannot fetch target file " + path + ": " + e, e);
        }
    }
}
