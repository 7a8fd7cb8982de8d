// SPDX-License-Identifier: Apache-2.0
/**
 * Who is calling: enrolment of agents with registration tokens, their access and rotating refresh
 * tokens, operator tokens, and machine binding: agents prove possession of their own key (the {@code binding}
 * bundle) at registration, renewal and with results, and access tokens are bound to it.
 */
@Export
@Version("1.2.0")
package io.redflag.server.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
