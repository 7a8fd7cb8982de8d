// SPDX-License-Identifier: Apache-2.0
/**
 * Scanner SPI, version 1.x: the contract with scanner plug-ins.
 * <p>
 * A plug-in bundle registers two kinds of service. A {@link io.redflag.scanner.SubsystemDescriptor}
 * needs nothing from the runtime, so it is active on the server and on the agent: its
 * {@link io.redflag.scanner.propertytypes.SubsystemType} properties say what the subsystem is (ecosystem,
 * name, platforms, default interval, kind), and the object holds its version ordering and output parsers.
 * A {@link io.redflag.scanner.PackageScanner} (updates) or {@link io.redflag.scanner.HostReadings} (readings)
 * acts on the host: marked {@link io.redflag.scanner.propertytypes.AgentOnly}, it waits for a condition only
 * the agent runtime registers, so on the server it simply stays unsatisfied, with no "am I the server"
 * flag anywhere. Scanners run processes through the {@link io.redflag.scanner.CommandRunner} service.
 * <p>
 * Plug-ins implement the consumer types and get an import range such as {@code [1.0,2.0)}; the
 * platform implements the provider types.
 */
@Export
@Version("1.2.0")
package io.redflag.scanner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
