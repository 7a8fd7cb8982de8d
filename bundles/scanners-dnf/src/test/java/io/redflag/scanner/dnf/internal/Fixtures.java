// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the test resources under {@code dnf/}: shared real fixtures and reconstructed outputs. */
final class Fixtures {

    private Fixtures() {}

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("dnf/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture dnf/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
