// SPDX-License-Identifier: Apache-2.0
/**
 * Introspection of the scanner plug-ins in a runtime, as Aries and Felix Health Checks do it: which are
 * working, which are present but not, and why. Implemented by the agent; read by operators (through the
 * server, to which the agent reports it) and by tests.
 */
@Export
@Version("1.0.0")
package io.redflag.scanner.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
