// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** A console account as admins see it; since 1.5. */
public class AccountDTO extends DTO {
    public String id;
    public String name;
    public OperatorRole role;
    public String createdAt;
    public String createdBy;
    /** True until its holder replaced the one-time password. */
    public boolean mustChangePassword;
    /** Null while it may sign in. */
    public String disabledAt;
    /** Only in the answer that created it: the one-time password to hand to its holder, who must change it. */
    public String oneTimePassword;
}
