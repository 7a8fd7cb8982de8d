// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** One bundle an agent runs (or failed to bring in), reported at every check-in. */
public class BundleInventoryDTO extends DTO {
    public String symbolicName;
    public String version;
    public BundleState state;
    /** SHA-256 of the jar, for bundles installed from the server's repository; null for the agent's own base set. */
    public String sha256;
    /** True for the agent's base set (shipped in its jar, replaced only with the core); false for bundles installed in place. */
    public boolean base;
    /** Why the last attempt to install or swap this bundle failed; null when it did not. */
    public String failure;
}
