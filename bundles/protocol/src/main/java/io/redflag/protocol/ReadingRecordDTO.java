// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.ReadingDTO;

/** {@code GET /api/v1/agents/{id}/metrics}: a reading of the agent's host as its last scan of the subsystem took it. */
public class ReadingRecordDTO extends ReadingDTO {
    public String ecosystem;
    /** When the scan that took it was stored. */
    public String observedAt;
}
