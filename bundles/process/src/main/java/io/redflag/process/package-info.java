// SPDX-License-Identifier: Apache-2.0
/**
 * How the agent runs a scanner plug-in's processes: {@link io.redflag.process.ProcessCommandRunner}, the agent's
 * {@code CommandRunner} service. Exported so that a plug-in's tests of its real tool run it exactly as an agent would
 * ({@code new ProcessCommandRunner()}, test scope); a plug-in's own code takes the {@code CommandRunner} service.
 */
@Export
@Version("1.0.0")
package io.redflag.process;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
