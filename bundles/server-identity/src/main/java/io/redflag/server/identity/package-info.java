// SPDX-License-Identifier: Apache-2.0
/**
 * Who is calling: enrolment of agents with registration tokens, their access and rotating refresh
 * tokens, and operator tokens. Machine binding by an agent-held key (the {@code binding} bundle)
 * builds on this package.
 */
@Export
@Version("1.0.0")
package io.redflag.server.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
