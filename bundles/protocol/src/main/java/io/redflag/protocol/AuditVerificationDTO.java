// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code GET /api/v1/audit/verify}: the hash chain walked from its first row to its last. */
public class AuditVerificationDTO extends DTO {
    /** True when every row's hash is the hash of its content and the row before: nothing was edited or removed. */
    public boolean intact;
    /** Rows checked. */
    public long checked;
    /** The first row where the chain breaks; null when intact. */
    public Long brokenAt;
    /** What is wrong there, in words. */
    public String reason;
    /** The last row's hash: write it down to notice, later, a chain rewritten from the start. */
    public String head;
}
