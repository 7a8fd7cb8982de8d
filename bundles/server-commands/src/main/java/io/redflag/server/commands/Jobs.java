// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands;

import io.redflag.protocol.JobDTO;
import io.redflag.protocol.JobRequestDTO;
import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bulk jobs: one action over many agents, each agent's part in its own transaction (one agent's refusal never blocks
 * the others; it is recorded as skipped, with why), followed per agent through the commands they became.
 */
@ProviderType
public interface Jobs {

    /**
     * Starts a job and returns it with each agent's part.
     *
     * @throws io.redflag.protocol.InvalidMessageException for a malformed request or agent ids that name no agent
     * @throws UnknownJobException when an approve, reject or install job names no job
     * @throws CommandConflictException when the selection is empty or the job named is not a dry-run job
     * @throws io.redflag.server.inventory.UnknownSubsystemException when no bundle describes the ecosystem
     */
    JobDTO start(String operator, JobRequestDTO request);

    /** A job with its agents and their progress. @throws UnknownJobException */
    JobDTO job(UUID jobId);

    /** Jobs newest first with their counts (no agents); {@code before}: the job the previous page ended with. */
    List<JobDTO> jobs(UUID before, int limit);
}
