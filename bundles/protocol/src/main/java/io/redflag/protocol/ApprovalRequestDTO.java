// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** {@code POST /api/v1/approvals}: an operator's decision on the plan one completed dry run computed. */
public class ApprovalRequestDTO extends DTO {
    /** The dry run (a command id) whose plan is decided on. */
    public String dryRunId;
    public ApprovalDecision decision;
    /** Why, for the record; at most {@link MessageRules#MAX_MESSAGE} characters. */
    public String comment;
}
