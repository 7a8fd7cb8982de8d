// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases follow winget-cli's Utility::Version rules (AppInstallerVersions.cpp). */
class WingetVersionOrderingTest {

    private static final WingetVersionOrdering WINGET = WingetVersionOrdering.INSTANCE;

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
        "1.2.9|1.2.10|-1",
        "14.38.33130.0|14.40.33810.0|-1",
        // trailing zero parts do not count
        "1.0|1.0.0.0|0",
        // a part with a text rest is below the bare number
        "1.0.0-beta|1.0.0|-1",
        "1.2.37.701.ge66eb7bc|1.2.37.701|-1",
        "1.0a|1.0b|-1",
        "1.0A|1.0a|0",
        // leading text before the first digit is dropped
        "v1.2|1.2|0",
        // Unknown below and Latest above everything
        "Unknown|0.0.1|-1",
        "Latest|999|1",
        "unknown|Unknown|0",
        // approximate versions sit just beside their base
        "< 1.0.9040|1.0.9040|-1",
        "< 1.0.9040|1.0.9039|1",
        "> 24.001.20604|24.001.20604|1",
        "> 24.001.20604|24.002.20687|-1",
        "< 2.0|> 2.0|-1",
        // numbers beyond 64 bits do not throw
        "1.99999999999999999999999|1.1|-1",
    })
    void ordersLikeWinget(String a, String b, int expected) {
        assertThat(Integer.signum(WINGET.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(WINGET.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void isATotalOrderOnOddInput() {
        List<String> odd = new ArrayList<>(List.of("", "Unknown", "Latest", "< 1.0", "1.0", "> 1.0", "1.0-rc",
                "v", "..", "1..2", "x.y", "< Unknown"));
        odd.add(null);
        for (String a : odd) {
            for (String b : odd) {
                for (String c : odd) {
                    if (WINGET.compare(a, b) <= 0 && WINGET.compare(b, c) <= 0) {
                        assertThat(WINGET.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
                    }
                }
            }
        }
        assertThat(WINGET.scheme()).isEqualTo("winget");
    }
}
