// SPDX-License-Identifier: Apache-2.0
/**
 * The wire protocol of {@code /api/v1}, version 1.x: every request and response body, the enums they
 * carry, the header names and routes the agent calls, and the rules a message must keep.
 * <p>
 * Both runtimes use only these types on the wire. Readers are tolerant (see
 * {@link io.redflag.protocol.json.ProtocolJson}): fields they do not know are ignored, and an enum constant
 * they do not know reads as that enum's {@code UNKNOWN}, so peers of different minor versions never
 * refuse or lose each other's messages. Adding a field or an enum constant is a minor change; a newer
 * reader must accept every message an older writer of the same major version sends.
 * <p>
 * An enum's wire form is its {@code toString()}: lower case for the protocol's own enums, the constant's
 * name for the scanner API's enums ({@code ScanStatus}, {@code Severity}, {@code SubsystemKind}).
 */
@Export
@Version("1.6.0")
package io.redflag.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
