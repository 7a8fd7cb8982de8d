// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import org.osgi.dto.DTO;

/** {@code POST /api/v1/agents/{id}/results}: how one command ended. Stored once per command id. */
public class CommandResultDTO extends DTO {
    public String commandId;
    public ResultStatus status;
    /** Why, in words an operator can act on. */
    public String message;
    /** Scans: the report. */
    public ScanReportDTO scan;
    /** Dry runs, and installs refused for a changed plan: the plan with its hash. */
    public TransactionPlanDTO plan;
    /** Installs: what the installer did. */
    public InstallResultDTO install;
}
