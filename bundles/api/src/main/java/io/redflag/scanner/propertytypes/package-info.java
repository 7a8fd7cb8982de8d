// SPDX-License-Identifier: Apache-2.0
/** Component property types for scanner plug-in authors. */
@Export
@Version("1.0.0")
package io.redflag.scanner.propertytypes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
