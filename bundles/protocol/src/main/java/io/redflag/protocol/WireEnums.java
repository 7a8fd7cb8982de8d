// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

/**
 * How every enum of the protocol and of the scanner API is read: by its wire form ({@code toString()})
 * or its name, ignoring case; a value the reader does not know reads as the enum's {@code UNKNOWN}.
 */
public final class WireEnums {

    /** The name of the constant every protocol enum has for values it does not know. */
    public static final String UNKNOWN = "UNKNOWN";

    private WireEnums() {}

    /**
     * The constant of {@code type} that {@code text} names, {@code null} for {@code null}, and the
     * {@code UNKNOWN} constant for anything else.
     *
     * @throws IllegalArgumentException if the text is unknown and {@code type} has no {@code UNKNOWN}
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        E unknown = null;
        for (E c : type.getEnumConstants()) {
            if (c.toString().equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
                return c;
            }
            if (c.name().equals(UNKNOWN)) {
                unknown = c;
            }
        }
        if (unknown == null) {
            throw new IllegalArgumentException("'" + text + "' is not a " + type.getSimpleName());
        }
        return unknown;
    }
}
