// SPDX-License-Identifier: Apache-2.0
/**
 * Conformance in a real framework: a plug-in's built bundle in Felix among the platform's own bundles — the agent
 * distribution's ({@link io.redflag.scanner.testkit.framework.AgentSideConformance}) and the server distribution's
 * ({@link io.redflag.scanner.testkit.framework.ServerSideConformance}) — run by Pax Exam from a plug-in's
 * integration tests. Extend each class in one small test class; {@link io.redflag.scanner.testkit.framework.PlatformOptions}
 * finds the plug-in's jar and the platforms.
 */
@Export
@Version("1.0.0")
package io.redflag.scanner.testkit.framework;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
