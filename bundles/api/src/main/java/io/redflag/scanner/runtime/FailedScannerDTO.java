// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.runtime;

import org.osgi.dto.DTO;

/** A scanner plug-in present on an agent that is not working: it did not register, activate or describe itself. */
public class FailedScannerDTO extends DTO {
    /** The ecosystem it would serve; null when it did not say. */
    public String ecosystem;
    /** The component (its class name, as DS knows it). */
    public String component;
    /** The bundle it comes from: symbolic name and version. */
    public String bundle;
    /** Why it is not working, in words an operator can act on. */
    public String reason;
}
