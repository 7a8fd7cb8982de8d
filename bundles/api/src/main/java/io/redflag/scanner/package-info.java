// SPDX-License-Identifier: Apache-2.0
/**
 * Scanner SPI, version 1.x: the contract with scanner plug-ins.
 * <p>
 * A plug-in bundle registers two kinds of service. A {@link io.redflag.scanner.SubsystemDescriptor}
 * needs nothing from the runtime, so it is active on the server and on the agent: it names the
 * ecosystem, its platforms, its default scan interval, its version ordering and its output parsers.
 * A {@link io.redflag.scanner.PackageScanner} acts on the host. Its component takes the
 * {@link io.redflag.scanner.CommandRunner} service by {@code @Reference} (constructor injection):
 * only the agent runtime offers that service, so on the server the scanner simply stays
 * unsatisfied, with no "am I the server" flag anywhere.
 * <p>
 * Plug-ins implement the consumer types and get an import range such as {@code [1.0,2.0)}; the
 * platform implements the provider types.
 */
@Export
@Version("1.0.0")
package io.redflag.scanner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
