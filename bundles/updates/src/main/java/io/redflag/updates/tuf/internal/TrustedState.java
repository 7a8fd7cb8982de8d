// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import java.time.Instant;

/**
 * The top-level metadata one refresh ended with, all verified and unexpired at {@code updateStart}.
 *
 * @param root the final root
 * @param timestamp the trusted timestamp
 * @param snapshot the trusted snapshot
 * @param targets the trusted top-level targets
 * @param updateStart the fixed time expiry is judged against for this update, delegated roles included
 */
public record TrustedState(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata snapshot,
        TargetsMetadata targets, Instant updateStart) {
}
