// SPDX-License-Identifier: Apache-2.0
/**
 * The one JSON mapping of the protocol, used by the server's REST layer and by the agent: tolerant of
 * what a newer peer adds, strict about what no peer may send (NUL characters in text), and able to say
 * in plain words which field of a message was wrong.
 */
@Export
@Version("1.0.0")
package io.redflag.protocol.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
