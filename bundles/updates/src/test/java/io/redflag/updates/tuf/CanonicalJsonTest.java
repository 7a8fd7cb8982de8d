// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.redflag.updates.tuf.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical JSON as securesystemslib's {@code encode_canonical} writes it. */
class CanonicalJsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // securesystemslib's own doctest vectors
        "'\"\"'                         | '\"\"'",
        "'[1, 2, 3]'                    | '[1,2,3]'",
        "'[]'                           | '[]'",
        "'{\"A\": [99]}'                | '{\"A\":[99]}'",
        "'{\"x\" : 3, \"y\" : 2}'       | '{\"x\":3,\"y\":2}'",
        // keys sorted at every level; literals; integers of any size
        "'{\"b\": 1, \"a\": {\"d\": true, \"c\": null, \"e\": false}}' | '{\"a\":{\"c\":null,\"d\":true,\"e\":false},\"b\":1}'",
        "'[-5, 0, 1180591620717411303424]' | '[-5,0,1180591620717411303424]'",
        // only quote and backslash are escaped
        "'{\"q\": \"a\\\"b\\\\c/d\"}'   | '{\"q\":\"a\\\"b\\\\c/d\"}'",
    })
    void encodesLikeSecuresystemslib(String json, String canonical) throws Exception {
        assertThat(encode(json)).isEqualTo(canonical);
    }

    @Test
    void controlCharactersAndNonAsciiAreWrittenRawInUtf8() throws Exception {
        byte[] out = CanonicalJson.encode(Json.MAPPER.readTree("[\"a\\nb\\u0001\", \"\u00e9\", \"\ud83d\ude00\"]"));

        assertThat(out).containsExactly(bytes('[', '"', 'a', 0x0A, 'b', 0x01, '"', ',', '"', 0xC3, 0xA9, '"', ',',
                '"', 0xF0, 0x9F, 0x98, 0x80, '"', ']'));
    }

    @Test
    void keysAreSortedByCodePointNotByUtf16Unit() throws Exception {
        // U+FF61 sorts before U+1F600 (whose UTF-16 form starts with the smaller unit D83D)
        assertThat(encode("{\"\ud83d\ude00\": 2, \"\uff61\": 1, \"a\": 0}"))
                .isEqualTo("{\"a\":0,\"\uff61\":1,\"\ud83d\ude00\":2}");
    }

    @Test
    void floatsAndLoneSurrogatesHaveNoCanonicalForm() throws Exception {
        assertThatThrownBy(() -> encode("{\"a\": 1.0}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floats");
        assertThatThrownBy(() -> encode("[1e3]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encode("[\"\\ud800\"]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");
    }

    @Test
    void keyIdsAreTheSha256OfTheCanonicalKey() throws Exception {
        // the example keys of the TUF specification's root.json and targets.json
        assertThat(TufKey.of("ed25519", "ed25519", "72378e5bc588793e58f81c8533da64a2e8f1565c1fcc7f253496394ffc52542c")
                .keyId()).isEqualTo("1bf1c6e3cdd3d3a8420b19199e27511999850f4b376c4547b2f32fba7e80fca3");
        JsonNode key = Json.MAPPER.readTree("{\"scheme\": \"ed25519\", \"keyval\": {\"public\": "
                + "\"b6e40fb71a6041212a3d84331336ecaa1f48a0c523f80ccc762a034c727606fa\"}, \"keytype\": \"ed25519\"}");
        assertThat(TufKey.fromJson(key).keyId())
                .isEqualTo("f761033eb880143c52358d941d987ca5577675090e2215e856ba0099bc0ce4f6");
    }

    private static String encode(String json) throws Exception {
        return new String(CanonicalJson.encode(Json.MAPPER.readTree(json)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
