// SPDX-License-Identifier: Apache-2.0
/**
 * Reading tools' output the way it really arrives, for scanner plug-ins: text a Windows code page mangled
 * ({@link io.redflag.scanner.text.ToolText#repairMojibake}), values a narrow column cut
 * ({@link io.redflag.scanner.text.ToolText#isCut}), terminal escape sequences and spinner redraws
 * ({@link io.redflag.scanner.text.ToolText#asShown}). Pure functions without state, safe on any input.
 */
@Export
@Version("1.0.0")
package io.redflag.scanner.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
