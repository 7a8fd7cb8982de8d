// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/**
 * A console session as its browser sees it ({@code POST} and {@code GET /api/v1/session}); the session's secret
 * travels only in its HttpOnly cookie, never in a body. Since 1.5.
 */
public class SessionDTO extends DTO {
    public String name;
    public OperatorRole role;
    /** Sent back in the {@code X-CSRF-Token} header with every change made in this session. */
    public String csrfToken;
    /** True while the account still has its one-time password: nothing but a password change is allowed. */
    public boolean mustChangePassword;
    /** When the session ends unless it is used before (idle expiry), ISO-8601 UTC. */
    public String idleExpiresAt;
    /** When the session ends however it is used, ISO-8601 UTC. */
    public String expiresAt;
}
