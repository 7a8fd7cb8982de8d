// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** A client that closed its connection mid-answer is not a server bug: no 500 logged with a stack trace. */
class UnexpectedErrorMapperTest {

    /** Jetty's own type, by name: what a write to a closed connection throws. */
    static final class EofException extends IOException {
        private static final long serialVersionUID = 1L;

        EofException(String message) {
            super(message);
        }
    }

    @Test
    void aWriteToAConnectionTheClientClosedIsTheClientGoneNotAnError() {
        assertThat(UnexpectedErrorMapper.clientGone(new UncheckedIOException(new EofException("Closed")))).isTrue();
        assertThat(UnexpectedErrorMapper.clientGone(new RuntimeException(new IOException("Broken pipe")))).isTrue();
        assertThat(UnexpectedErrorMapper.clientGone(new IOException("Connection reset by peer"))).isTrue();
    }

    @Test
    void anythingElseIsStillABug() {
        assertThat(UnexpectedErrorMapper.clientGone(new IllegalStateException("boom"))).isFalse();
        assertThat(UnexpectedErrorMapper.clientGone(new IOException("disk full"))).isFalse();
    }
}
