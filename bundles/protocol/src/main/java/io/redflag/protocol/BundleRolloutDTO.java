// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * How many active agents last reported a plug-in at one version in one state ({@code GET
 * /api/v1/artifacts/{name}/agents}), most common first: how far a new version has reached the fleet. Since 1.6.
 */
public class BundleRolloutDTO extends DTO {
    public String symbolicName;
    public String version;
    public BundleState state;
    public long agents;
}
