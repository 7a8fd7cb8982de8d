// SPDX-License-Identifier: Apache-2.0
/**
 * The scanner test kit: what a plug-in's tests need, in a plug-in author's own JUnit 5 tests.
 * <ul>
 * <li>{@link io.redflag.scanner.testkit.ScriptedRunner}: a {@code CommandRunner} that answers with captured output
 * (exit codes, timeouts, missing tools) and records what the scanner ran and with which deadline;</li>
 * <li>{@link io.redflag.scanner.testkit.Fixtures}: captured output read byte for byte from the test class path;</li>
 * <li>{@link io.redflag.scanner.testkit.ScannerConformance}: the suite every plug-in should pass — extend it, say
 * what your plug-in is ({@link io.redflag.scanner.testkit.PluginUnderTest}), and its tests run with yours.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package io.redflag.scanner.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
