// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** An operator token as admins see it; its secret ({@link #token}) only in the answer that created it. */
public class OperatorTokenDTO extends DTO {
    public String id;
    public String name;
    public OperatorRole role;
    /** The secret ({@code rfo_…}); null except right after creation. Only its hash is kept. */
    public String token;
    public String createdAt;
    public String lastUsedAt;
    /** Null while usable. */
    public String revokedAt;
}
