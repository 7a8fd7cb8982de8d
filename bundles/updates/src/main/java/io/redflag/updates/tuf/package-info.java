// SPDX-License-Identifier: Apache-2.0
/**
 * The Update Framework (TUF 1.0): signed metadata for the artifact repository, on both sides.
 * <p>
 * <b>Repository side.</b> {@link io.redflag.updates.tuf.RootBuilder}, {@link io.redflag.updates.tuf.TargetsBuilder},
 * {@link io.redflag.updates.tuf.SnapshotBuilder} and {@link io.redflag.updates.tuf.TimestampBuilder} build the
 * {@code signed} part of each role's metadata; {@link io.redflag.updates.tuf.SignedMetadata} signs it with one or
 * more {@link io.redflag.updates.tuf.MetadataSigner}s ({@link io.redflag.updates.tuf.Ed25519Signer} holds a key of
 * our own) and {@link io.redflag.updates.tuf.RepositoryLayout} names the files a consistent-snapshot repository
 * serves.
 * <p>
 * <b>Client side.</b> {@link io.redflag.updates.tuf.TufClient} runs the specification's detailed client workflow
 * (root rotation, timestamp, snapshot, targets, delegations) over a {@link io.redflag.updates.tuf.Fetcher} and a local
 * metadata folder, then finds and downloads verified targets. Everything that does not hold is a
 * {@link io.redflag.updates.tuf.TufException} with a {@link io.redflag.updates.tuf.TufException.Reason}.
 * <p>
 * Signatures are over the canonical JSON ({@link io.redflag.updates.tuf.CanonicalJson}) of the {@code signed} object
 * exactly as parsed, unknown fields included, so metadata written by newer repositories still verifies.
 */
@Export
@Version("1.0.0")
package io.redflag.updates.tuf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
