// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** A role of the update repository's signed metadata: the keys the newest root trusts for it, and its newest version. */
public class UpdateKeyDTO extends DTO {
    /** {@code root}, {@code targets}, {@code snapshot} or {@code timestamp}. */
    public String role;
    /** TUF key ids (SHA-256 of the key's canonical JSON). */
    public List<String> keyIds = new ArrayList<>();
    public int threshold;
    /** The newest version of this role's metadata. */
    public long version;
    public String expiresAt;
    /** Whether this server node holds a key root lists for the role (the root key should not be here). */
    public boolean keyHere;
}
