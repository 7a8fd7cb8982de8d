// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of role and target names as Python's {@code urllib.parse.quote(name, safe="")} does it: every
 * byte except {@code A-Z a-z 0-9 _ . - ~} becomes {@code %XX}. The result has no {@code /}, so a role name such as
 * {@code ../x} is one harmless file name locally and one path segment in a URL.
 */
public final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    public static String encode(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }
}
