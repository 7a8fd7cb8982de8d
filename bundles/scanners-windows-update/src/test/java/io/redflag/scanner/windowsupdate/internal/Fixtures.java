// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.windowsupdate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads fixtures from src/test/resources/windows-update, byte-for-byte as UTF-8. */
final class Fixtures {

    private Fixtures() {}

    static String read(String name) {
        String resource = "windows-update/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hand-written oracle beside a sample: X.txt or X.json → X.expected.json. */
    static JsonNode expected(String sample) {
        try {
            return new ObjectMapper().readTree(read(sample.replaceFirst("\\.(txt|json)$", ".expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
