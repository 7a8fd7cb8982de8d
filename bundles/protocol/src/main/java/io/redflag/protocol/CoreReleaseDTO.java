// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A release of the agent's core for one platform, in the server's repository (signed into its TUF targets). */
public class CoreReleaseDTO extends DTO {
    public String platform;
    public String version;
    public String sha256;
    public long length;
    public String publishedAt;
    public String publishedBy;
    /** Set once retired: never offered again. */
    public String retiredAt;
}
