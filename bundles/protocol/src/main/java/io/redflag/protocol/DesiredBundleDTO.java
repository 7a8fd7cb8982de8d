// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * A bundle an agent should run, from the server's repository. The agent trusts none of this on its own: it looks
 * {@link #target} up in the repository's signed metadata and takes length and hashes from there.
 */
public class DesiredBundleDTO extends DTO {
    public String symbolicName;
    public String version;
    public String sha256;
    public long length;
    /** The name of the bundle in the repository's signed (TUF) metadata. */
    public String target;
    /** Ecosystems of the agent's enabled subsystems this bundle provides. */
    public List<String> ecosystems = new ArrayList<>();
}
