// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** The circuit breaker of one scanner on an agent; only scanners that failed at least once since the agent started are listed. */
public class ScannerBreakerDTO extends DTO {
    public String ecosystem;
    public BreakerState state;
    /** Failures in a row (0 once a call succeeds). */
    public int failures;
    /** The last failure's message. */
    public String lastFailure;
    /** While open: when the next command may reach the scanner again, ISO-8601 UTC. */
    public String retryAt;
}
