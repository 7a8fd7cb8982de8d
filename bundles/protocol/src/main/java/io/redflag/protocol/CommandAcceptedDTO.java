// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A command queued for an agent; follow it at {@code GET /api/v1/commands/{commandId}}. */
public class CommandAcceptedDTO extends DTO {
    public String commandId;
    public CommandStatus status;
}
