// SPDX-License-Identifier: Apache-2.0
/**
 * Signing: the server signs what it sends, the agent verifies before acting. Implemented by the
 * signing bundle.
 */
@Export
@Version("1.1.0")
package io.redflag.signing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
