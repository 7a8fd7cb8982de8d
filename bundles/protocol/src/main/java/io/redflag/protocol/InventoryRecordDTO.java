// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.SubsystemKind;

/**
 * A pending update ({@code /agents/{id}/updates}) or a reading of the host ({@code /agents/{id}/metrics}): the
 * record as the agent reported it, with what the server knows of it.
 */
public class InventoryRecordDTO extends PackageUpdateDTO {
    public String ecosystem;
    /** Whether this is an installable update or a reading; stored with the record. */
    public SubsystemKind kind;
    public String firstSeenAt;
    public String lastSeenAt;
    /** Updates, since 1.4: where it stands on this agent (pending when nothing was asked since a scan reported it). */
    public io.redflag.protocol.LifecycleState lifecycle;
    /** When it got there; null while pending. */
    public String lifecycleAt;
}
