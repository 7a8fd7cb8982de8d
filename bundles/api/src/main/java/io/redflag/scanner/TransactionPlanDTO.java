// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * What installing a set of updates would really do to the host. Its hash
 * ({@link TransactionPlans#hash(TransactionPlanDTO)}) binds an operator's approval to this plan.
 */
public class TransactionPlanDTO extends DTO {
    /** The package ids the plan was computed for. */
    public List<String> requested = new ArrayList<>();
    public List<PackageChangeDTO> changes = new ArrayList<>();
    /** Lines of the tool's output that explain the plan but are not changes (warnings, notes). */
    public List<String> notes = new ArrayList<>();
    /** Hex SHA-256 of the plan's canonical form; filled in by the platform. */
    public String hash;
}
