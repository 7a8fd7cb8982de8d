// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * Check-ins over time across the fleet ({@code GET /api/v1/fleet/check-ins}): how many every server node answered in
 * each bucket of {@code bucketSeconds} from {@code from} on, oldest first, the last bucket the one still filling.
 * Since 1.6.
 */
public class CheckInActivityDTO extends DTO {
    /** The start of the first bucket, ISO-8601 UTC. */
    public String from;
    public int bucketSeconds;
    public List<Long> checkIns = new ArrayList<>();
}
