// SPDX-License-Identifier: Apache-2.0
/**
 * The update pipeline's services on both sides. {@link io.redflag.updates.InPlaceBundles} swaps bundles in a running
 * framework (install, update, refresh, start, checked healthy, else the previous version restored) and says what
 * runs; {@link io.redflag.updates.tuf} is the signed metadata every artifact is checked against.
 */
@Export
@Version("1.0.0")
package io.redflag.updates;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
