// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link VersionOrderings#DPKG} against dpkg itself. {@code dpkg-pairs.tsv} holds about 300
 * pairs of real version strings from a Debian 12 host's APT lists and dpkg database, each judged by
 * {@code dpkg --compare-versions}; {@code generate-dpkg-pairs.sh} (beside it) says how they were picked
 * and regenerates the file.
 */
class DpkgVersionOrderingTest {

    private static final VersionOrdering DPKG = VersionOrderings.DPKG;

    static List<Arguments> dpkgCases() throws IOException {
        return OraclePairs.read("dpkg-pairs.tsv");
    }

    @Test
    void oracleFileIsComplete() throws IOException {
        // a truncated or hand-trimmed copy must not pass silently
        List<Arguments> cases = dpkgCases();
        assertThat(cases).hasSize(301);
        // and it really exercises the hard parts: epochs, tildes, '+' suffixes, all three outcomes
        List<String> versions = cases.stream().flatMap(a -> List.of((String) a.get()[0], (String) a.get()[1]).stream()).toList();
        assertThat(versions).anyMatch(v -> v.matches("\\d+:.*")).anyMatch(v -> v.contains("~")).anyMatch(v -> v.contains("+"));
        assertThat(cases).extracting(a -> a.get()[2]).contains(-1, 0, 1);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @MethodSource("dpkgCases")
    void compareMatchesDpkg(String a, String b, int expected) {
        assertThat(Integer.signum(DPKG.compare(a, b))).isEqualTo(expected);
        // the order is antisymmetric, so the oracle also checks every pair the other way round
        assertThat(Integer.signum(DPKG.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource(delimiter = '\t', value = {
        // the classic cases of deb-version(7), also in the oracle file; kept here so they read as a spec
        "1.0~rc1\t1.0\t-1",
        "1:0.1\t2.0\t1",
        "1.0-1\t1.0-1+b1\t-1",
        "1.0~~\t1.0~\t-1",
        "0:1.0\t1.0\t0",
        "1.0\t1.0-0\t0",
        // an upstream version may contain '-' when there is a revision; the LAST dash starts the revision
        "1.0-1-1\t1.0-1-2\t-1",
        // digits of any length compare without overflow, as in dpkg's verrevcmp
        "1.99999999999999999999\t1.100000000000000000000\t-1",
        // dpkg rejects an epoch this big; we still give it a place in the order instead of throwing
        "99999999999999999999:1\t1:1\t1",
    })
    void classicCases(String a, String b, int expected) {
        assertThat(Integer.signum(DPKG.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(DPKG.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void acceptsAnyStringWithoutThrowing() {
        assertThat(DPKG.compare(null, null)).isZero();
        assertThat(DPKG.compare("", "1.0")).isNegative();
        assertThat(DPKG.compare(" 1.0 ", "1.0")).isZero();
        assertThat(Integer.signum(DPKG.compare("x:y-z", "x:y-z"))).isZero();
        assertThat(DPKG.scheme()).isEqualTo("dpkg");
    }
}
