// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

/** An authenticated operator: a name for the audit log and a role (admin, operator, viewer). */
public final class OperatorIdentity {
    /** May only read. */
    public static final String VIEWER = "viewer";
    /** May also manage operator tokens. */
    public static final String ADMIN = "admin";

    private final String name;
    private final String role;

    public OperatorIdentity(String name, String role) {
        this.name = name;
        this.role = role;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }
}
