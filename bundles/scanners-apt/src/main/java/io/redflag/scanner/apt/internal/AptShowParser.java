// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads download sizes from {@code apt-cache show --no-all-versions}: one RFC 822-style stanza per
 * candidate version, separated by blank lines. Field names are not translated, whatever the locale.
 */
final class AptShowParser {

    private AptShowParser() {}

    /** Key of a candidate: package, architecture and version, as the listing reports them. */
    static String key(String name, String architecture, String version) {
        return name + '\t' + architecture + '\t' + version;
    }

    /** Download size in bytes by {@link #key}; stanzas without a usable Size are left out. */
    static Map<String, Long> sizes(String output) {
        Map<String, Long> sizes = new HashMap<>();
        String name = null;
        String arch = null;
        String version = null;
        String size = null;
        for (String line : (output + "\n\n").split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                if (name != null && arch != null && version != null && size != null) {
                    try {
                        sizes.put(key(name, arch, version), Long.parseLong(size));
                    } catch (NumberFormatException e) {
                        // a Size apt could not have written: no size for this one, the rest still count
                    }
                }
                name = arch = version = size = null;
            } else if (l.startsWith("Package: ")) {
                name = l.substring(9).strip();
            } else if (l.startsWith("Architecture: ")) {
                arch = l.substring(14).strip();
            } else if (l.startsWith("Version: ")) {
                version = l.substring(9).strip();
            } else if (l.startsWith("Size: ")) {
                size = l.substring(6).strip();
            }
        }
        return sizes;
    }
}
