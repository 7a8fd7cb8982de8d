// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreAThousandAgentsSixteenInFlightAndApt() throws Exception {
        Options o = Options.parse("--server", "http://127.0.0.1:8080", "--operator-token-file", "t");
        assertThat(o.agents()).isEqualTo(1000);
        assertThat(o.concurrency()).isEqualTo(16);
        assertThat(o.scanners()).containsExactly("apt");
        assertThat(o.updates()).isEqualTo(150);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.renewBefore()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Options o = Options.parse("--server", "https://rf.example:8443/", "--operator-token-file", "/t", "--agents", "10000",
                "--concurrency", "64", "--register-concurrency", "8", "--warmup", "0", "--duration", "60",
                "--scanners", "none", "--updates", "0", "--renew-before", "900", "--out", "x.json");
        assertThat(o.server().getHost()).isEqualTo("rf.example");
        assertThat(List.of(o.agents(), o.concurrency(), o.registerConcurrency(), o.updates()))
                .containsExactly(10000, 64, 8, 0);
        assertThat(o.warmup()).isZero();
        assertThat(o.scanners()).isEmpty();
        assertThat(o.out()).hasToString("x.json");
    }

    @Test
    void aBadCommandLineIsRefusedNamingWhatIsWrong() {
        assertRefused("--operator-token-file t", "--server URL is required");
        assertRefused("--server ftp://h --operator-token-file t", "--server must be an http(s) URL with a host, not ftp://h");
        assertRefused("--server http://h", "--operator-token-file FILE is required");
        assertRefused("--server http://h --operator-token-file t --agents many", "--agents must be a whole number from 1 to 100000, not 'many'");
        assertRefused("--server http://h --operator-token-file t --updates 849", "--updates must be a whole number from 0 to 848, not '849'");
        assertRefused("--server http://h --operator-token-file t --scanners APT", "--scanners must be ecosystems separated by commas");
        assertRefused("--server http://h --operator-token-file t --agent 5", "unknown option '--agent'");
        assertRefused("--server http://h --operator-token-file t --duration", "--duration needs a value");
        assertRefused("--server http://h --server http://i --operator-token-file t", "--server given twice");
    }

    private static void assertRefused(String line, String message) {
        assertThatThrownBy(() -> Options.parse(line.split(" "))).isInstanceOf(Options.UsageException.class)
                .hasMessageStartingWith(message);
    }
}
