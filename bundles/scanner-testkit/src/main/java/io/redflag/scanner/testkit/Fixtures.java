// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Captured output read from the test class path exactly as it was saved (CRLF, odd characters and all: that is the
 * point of a capture), decoded as UTF-8 the way the platform's runner decodes a tool's output.
 */
public final class Fixtures {

    private Fixtures() {}

    /** The resource's text (a path such as {@code "apt/list-upgradable.txt"} under src/test/resources). */
    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /**
     * The hand-checked oracle beside a sample, by the fixtures' convention: {@code X.txt} (or any extension) →
     * {@code X.expected.json}, as text for the test's own JSON reader.
     */
    public static String expectedFor(String sample) {
        int slash = sample.lastIndexOf('/');
        int dot = sample.lastIndexOf('.');
        return text((dot > slash ? sample.substring(0, dot) : sample) + ".expected.json");
    }

    /** The resource's bytes. @throws IllegalArgumentException when there is no such resource */
    public static byte[] bytes(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader == null ? Fixtures.class.getClassLoader() : loader).getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " on the test class path (src/test/resources/"
                        + name + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " unreadable", e);
        }
    }
}
