// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.dto.DTO;

/** The parameters of a command, carried signed as the JSON text {@code SignedCommandDTO.params}. */
public class CommandParamsDTO extends DTO {
    public String ecosystem;
    /** Dry runs and installs: package ids as reported in {@code PackageUpdateDTO.id}. */
    public List<String> packages = new ArrayList<>();
    /** Installs: the hash of the plan the operator approved. */
    public String planHash;
    /** Scans: the subsystem's configuration on this agent. */
    public Map<String, String> config = new LinkedHashMap<>();
    /** Core updates: the release to switch to, for which platform, and a one-time value bound into the signature. */
    public String coreVersion;
    public String platform;
    public String nonce;
}
