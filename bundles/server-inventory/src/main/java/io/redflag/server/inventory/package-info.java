// SPDX-License-Identifier: Apache-2.0
/**
 * What the server knows about its fleet: the subsystems the deployed scanner bundles describe, each
 * agent's subsystems, and the records the agents reported (pending updates and readings of the host).
 */
@Export
@Version("1.3.0")
package io.redflag.server.inventory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
