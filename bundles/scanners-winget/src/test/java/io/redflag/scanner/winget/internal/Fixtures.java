// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the (reconstructed) winget fixtures from src/test/resources/winget, byte-for-byte as UTF-8. */
final class Fixtures {

    private Fixtures() {}

    static String read(String name) {
        String resource = "winget/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hand-checkable oracle beside a sample: X.txt → X.expected.json. */
    static JsonNode expected(String sample) {
        try {
            return new ObjectMapper().readTree(read(sample.replaceFirst("\\.txt$", ".expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
