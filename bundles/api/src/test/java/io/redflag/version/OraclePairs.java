// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads an oracle file of version pairs (tab-separated, header {@code a b expected}, expected -1, 0 or 1)
 * into test arguments. Fields are not trimmed: some oracles have leading blanks on purpose.
 */
final class OraclePairs {

    private OraclePairs() {}

    static List<Arguments> read(String resource) throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = OraclePairs.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertThat(lines[0]).isEqualTo("a\tb\texpected");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                assertThat(f).as("line %d of %s", i + 1, resource).hasSize(3);
                cases.add(Arguments.of(f[0], f[1], Integer.parseInt(f[2])));
            }
        }
        return cases;
    }
}
