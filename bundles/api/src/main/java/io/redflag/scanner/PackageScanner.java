// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by scanner plug-ins; called by the agent. Register it with
 * {@link io.redflag.scanner.propertytypes.ScannerType} so the agent knows its ecosystem and platforms.
 * <p>
 * Every method must return before {@link ScanContext#deadline()} and must run processes only through the
 * {@link CommandRunner} service, taken by {@code @Reference}. A missing package tool is a status
 * ({@link ScanStatus#TOOL_MISSING}), not an exception. Adding a method here is a major change.
 */
@ConsumerType
public interface PackageScanner {

    /**
     * Lists the updates available on this host.
     *
     * @throws ScanException if the package tool ran but its answer could not be used at all
     */
    ScanReportDTO scan(ScanContext ctx) throws ScanException;

    /**
     * Computes, without changing the host, the exact transaction that installing the given
     * updates would cause.
     *
     * @param packages package ids as reported in {@link PackageUpdateDTO#id}
     * @throws ScanException if the plan could not be computed
     */
    TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException;

    /**
     * Installs the given updates non-interactively. The platform has already checked that the
     * host's current plan matches the one the operator approved.
     *
     * @throws ScanException if the installer could not be started at all
     */
    InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException;
}
