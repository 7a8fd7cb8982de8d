// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** How many agents of a job are in each state. */
public class JobCountsDTO extends DTO {
    public int total;
    public int queued;
    public int running;
    public int completed;
    public int failed;
    public int skipped;
}
