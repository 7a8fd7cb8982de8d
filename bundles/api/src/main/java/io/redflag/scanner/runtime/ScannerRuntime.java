// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** The scanner plug-ins of this runtime as they are right now. Implemented by the agent. */
@ProviderType
public interface ScannerRuntime {

    /** A fresh snapshot. */
    ScannerRuntimeDTO getRuntimeDTO();
}
