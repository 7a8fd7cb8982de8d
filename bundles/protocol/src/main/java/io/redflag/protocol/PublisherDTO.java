// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/**
 * A plug-in publisher: a delegated role of the update repository's signed metadata. Bundles whose symbolic name
 * matches one of its {@link #namespaces} are offered to agents only once the publisher, with a threshold of its own
 * keys, has signed their length and hashes; the server's targets key no longer speaks for them.
 */
public class PublisherDTO extends DTO {
    /** Lower case letters, digits and '-', at most 40: the delegated role's name. */
    public String name;
    /** The publisher's public keys (Ed25519 or any key type TUF clients verify). */
    public List<PublisherKeyDTO> keys = new ArrayList<>();
    /** How many of {@link #keys} must sign; 1 when absent. */
    public int threshold;
    /** Symbolic-name patterns this publisher signs for ({@code com.acme.*}); '*' does not cross a '/'. */
    public List<String> namespaces = new ArrayList<>();
    /** The version of the publisher's signed targets the repository serves; 0 before the first upload. */
    public long signedVersion;
    public String signedExpiresAt;
    public String createdBy;
    public String createdAt;
}
