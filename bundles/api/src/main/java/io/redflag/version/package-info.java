// SPDX-License-Identifier: Apache-2.0
/**
 * Version orderings: how each ecosystem sorts its version strings. Plug-ins may reuse the ready
 * ones in {@link io.redflag.version.VersionOrderings}.
 */
@Export
@Version("1.0.0")
package io.redflag.version;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
