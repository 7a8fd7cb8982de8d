// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads captured tool output from src/test/resources/apt, byte-for-byte as UTF-8. */
final class Fixtures {

    private Fixtures() {}

    static String read(String name) {
        String resource = "apt/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
