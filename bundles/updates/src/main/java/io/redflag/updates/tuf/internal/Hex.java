// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import java.util.HexFormat;
import java.util.Optional;

/** Lower-case hex, and a decoder that says "no" instead of throwing (a bad signature string is just invalid). */
public final class Hex {

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The bytes of an even-length hex string, either case; empty when it is not one. */
    public static Optional<byte[]> decode(String hex) {
        if (hex == null || hex.length() % 2 != 0) {
            return Optional.empty();
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(HexFormat.of().parseHex(hex));
    }
}
