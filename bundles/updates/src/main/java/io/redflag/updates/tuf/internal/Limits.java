// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

/**
 * The client's bounds.
 *
 * @param maxRootRotations how many new root versions one refresh may walk through
 * @param maxDelegations how many targets roles one target search may visit (top-level targets included)
 * @param rootMaxLength download cap for root metadata (its length is never signed anywhere)
 * @param timestampMaxLength download cap for timestamp metadata (likewise)
 * @param snapshotMaxLength cap for snapshot metadata when timestamp does not sign its length
 * @param targetsMaxLength cap for each targets role's metadata when snapshot does not sign its length
 * @param prefixTargetsWithHash whether targets are fetched as {@code <hash>.<name>} with consistent snapshots
 */
public record Limits(int maxRootRotations, int maxDelegations, long rootMaxLength, long timestampMaxLength,
        long snapshotMaxLength, long targetsMaxLength, boolean prefixTargetsWithHash) {
}
