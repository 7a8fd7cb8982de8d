// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/{id}/dry-runs} and {@code …/installs}: what an operator asks for. */
public class PackageCommandRequestDTO extends DTO {
    public String ecosystem;
    public List<String> packages = new ArrayList<>();
    /** Installs only: the hash of the dry-run plan the operator approved. */
    public String planHash;
    /**
     * Installs only, since 1.4: the completed dry run whose plan to install. Ecosystem, packages and plan hash then come
     * from it (any given must match it).
     */
    public String dryRunId;
}
