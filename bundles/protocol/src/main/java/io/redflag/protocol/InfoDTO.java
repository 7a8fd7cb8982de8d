// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code GET /api/v1/info}: the product, its version and what it knows. */
public class InfoDTO extends DTO {
    public String product;
    /** The server version, stamped by the build. */
    public String version;
    public String apiVersion;
    public List<String> agentVersions = new ArrayList<>();
    public List<String> subsystems = new ArrayList<>();
    /** The newest core release per platform ({@code linux-amd64 → 0.2.0}); empty when none was published. */
    public java.util.Map<String, String> latestCores = new java.util.TreeMap<>();
    /** Agents below this version get 426 until their core is updated; null when the server sets no minimum. */
    public String minimumAgentVersion;
}
