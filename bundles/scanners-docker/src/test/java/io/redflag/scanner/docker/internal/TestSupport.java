// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.scanner.ScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Fixtures, a typed config, a scan context and a settable clock for the tests. */
final class TestSupport {

    private TestSupport() {}

    /** A resource from src/test/resources/docker, exactly as stored. */
    static String fixture(String name) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/docker/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String fixtureName) {
        try {
            return EngineJson.MAPPER.readTree(fixture(fixtureName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DockerScanner.Config config(Path socket, String... insecureHosts) {
        return new DockerScanner.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DockerScanner.Config.class;
            }

            @Override
            public String socket_path() {
                return socket.toString();
            }

            @Override
            public String[] registry_insecure_hosts() {
                return insecureHosts;
            }
        };
    }

    static ScanContext context(Map<String, String> configuration) {
        Instant deadline = Instant.now().plusSeconds(30);
        return ScanContext.of(deadline, configuration);
    }

    static ScanContext context() {
        return context(Map.of());
    }

    /** A registry client that sends every host to {@code registry}, with cache time from {@code clock}. */
    static RegistryClient registryClient(FakeRegistry registry, Clock clock) {
        return new RegistryClient(HttpClient.newHttpClient(), clock, host -> registry.base());
    }

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
