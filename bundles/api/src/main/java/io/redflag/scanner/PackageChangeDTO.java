// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import org.osgi.dto.DTO;

/** One step of a transaction plan. */
public class PackageChangeDTO extends DTO {
    public ChangeAction action;
    public String name;
    public String architecture;
    /** Version before the change, or null for a new package. */
    public String fromVersion;
    /** Version after the change, or null for a removal. */
    public String toVersion;
    public String source;

    public static PackageChangeDTO of(ChangeAction action, String name, String from, String to) {
        PackageChangeDTO c = new PackageChangeDTO();
        c.action = action;
        c.name = name;
        c.fromVersion = from;
        c.toVersion = to;
        return c;
    }
}
