// SPDX-License-Identifier: Apache-2.0
/**
 * The artifact repository: operators publish bundles (ours or a third party's, any symbolic name); each version
 * is kept once, its bytes named by their SHA-256, and never changes. What a bundle is (name, version, the
 * subsystems it provides) is read from its manifest without running any of its code.
 */
@Export
@Version("1.1.0")
package io.redflag.server.artifacts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
