// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** One row of the hash-chained audit log: who did what, when. */
public class AuditEntryDTO extends DTO {
    /** Its place in the chain; {@code GET /api/v1/audit?before=ID} pages back from it. */
    public long id;
    public String at;
    /** {@code operator:NAME}, {@code agent:ID}, {@code server}, or a client address for refusals. */
    public String actor;
    public String action;
    /** A refused request or another event worth a security review. */
    public boolean security;
    public String detail;
    public String hash;
}
