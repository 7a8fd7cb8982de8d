// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AptShowParserTest {

    @Test
    void readsTheCandidatesSizesOfThisHost() {
        Map<String, Long> sizes = AptShowParser.sizes(Fixtures.text("apt/show-candidates.stdout"));
        assertThat(sizes).hasSize(136);
        // values read off the capture by hand
        String openssl = sizes.keySet().stream().filter(k -> k.startsWith("openssl\tamd64\t")).findFirst().orElseThrow();
        assertThat(sizes.get(openssl)).isEqualTo(1441784L);
    }

    @Test
    void aStanzaWithoutAUsableSizeIsLeftOutAndTheOthersStillCount() {
        String text = "Package: a\nArchitecture: amd64\nVersion: 1:2.0-1\nSize: 12\n\n"
                + "Package: b\nArchitecture: all\nVersion: 3\nSize: lots\n\n"
                + "Package: c\nArchitecture: i386\nVersion: 4~rc1\n";
        assertThat(AptShowParser.sizes(text)).containsExactly(Map.entry(AptShowParser.key("a", "amd64", "1:2.0-1"), 12L));
    }
}
