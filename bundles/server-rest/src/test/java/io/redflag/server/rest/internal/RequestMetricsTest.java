// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    @Test
    void aMethodNoOneKnowsIsOneLabelNotANewSeries() {
        assertThat(RequestMetrics.method("POST")).isEqualTo("POST");
        assertThat(RequestMetrics.method("FROBNICATE")).isEqualTo("other");
        assertThat(RequestMetrics.method("get")).as("methods are case-sensitive").isEqualTo("other");
    }
}
