// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.redflag.updates.tuf.TufException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeTest {

    static final String GOOD = "{'_type':'targets','spec_version':'1.0.31','version':3,"
            + "'expires':'2030-01-01T00:00:00Z','targets':{}}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'version':3            | 'version':3.0           | 'version' is not an integer",
        "'version':3            | 'version':1e2           | 'version' is not an integer",
        "'version':3            | 'version':-1            | less than 1",
        "'spec_version':'1.0.31' | 'spec_version':'1.x'   | unsupported spec_version",
        "'spec_version':'1.0.31' | 'spec_version':'0.9.0' | unsupported spec_version",
        "'expires':'2030-01-01T00:00:00Z' | 'expires':'2030-01-01' | not an ISO-8601",
        "'_type':'targets'      | '_type':'root'          | expected 'targets'",
    })
    void commonFieldsAreChecked(String from, String to, String message) {
        String signed = GOOD.replace(from, to).replace('\'', '"');
        byte[] data = ("{\"signatures\":[],\"signed\":" + signed + "}").getBytes(UTF_8);

        TufException e = catchThrowableOfType(TufException.class, () -> Envelope.parse(data, "targets", "targets"));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(TufException.Reason.MALFORMED);
        assertThat(e.getMessage()).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"1.0, true", "1.0.31, true", "1.99.0, true", "2.0.0, false", "1, false", "1.0.0.0, false"})
    void anyOneDotXSpecVersionIsRead(String specVersion, boolean readable) {
        String signed = GOOD.replace("1.0.31", specVersion).replace('\'', '"');
        byte[] data = ("{\"signatures\":[],\"signed\":" + signed + "}").getBytes(UTF_8);

        TufException e = catchThrowableOfType(TufException.class, () -> Envelope.parse(data, "targets", "targets"));

        assertThat(e == null).isEqualTo(readable);
    }
}
