// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link SemverOrdering} against semver.org 2.0.0 and node-semver's own fixtures:
 * {@code versions/semver-pairs.tsv} (strict: every line must pass) and
 * {@code versions/semver-pairs-loose.tsv} (node-semver's {@code loose} comparisons: a "v" or "="
 * prefix, spaces after it). Every loose line passes too; {@link #LOOSE_EXCLUDED} lists the lines we
 * knowingly answer differently, with the reason, and is empty today.
 */
class SemverOrderingTest {

    private static final VersionOrdering SEMVER = VersionOrderings.SEMVER;

    /**
     * Loose lines (as "a\tb") left out of {@link #matchesNodeSemverLoose}, each with the reason. Empty:
     * node-semver's loose mode only adds prefixes and blanks, which the lenient reading strips.
     */
    private static final Map<String, String> LOOSE_EXCLUDED = Map.of();

    static List<Arguments> strictCases() throws IOException {
        return OraclePairs.read("versions/semver-pairs.tsv");
    }

    static List<Arguments> looseCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Arguments c : OraclePairs.read("versions/semver-pairs-loose.tsv")) {
            Object[] f = c.get();
            if (!LOOSE_EXCLUDED.containsKey(f[0] + "\t" + f[1])) {
                cases.add(c);
            }
        }
        return cases;
    }

    @Test
    void oracleFilesAreComplete() throws IOException {
        // a truncated copy of an oracle must not pass silently
        assertThat(strictCases()).hasSize(112);
        assertThat(OraclePairs.read("versions/semver-pairs-loose.tsv")).hasSize(59);
        assertThat(looseCases()).hasSize(59 - LOOSE_EXCLUDED.size());
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @MethodSource("strictCases")
    void matchesSemverPrecedence(String a, String b, int expected) {
        assertThat(Integer.signum(SEMVER.compare(a, b))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = -({2})")
    @MethodSource("strictCases")
    void isAntisymmetric(String a, String b, int expected) {
        assertThat(Integer.signum(SEMVER.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "compare(''{0}'', ''{1}'') = {2}")
    @MethodSource("looseCases")
    void matchesNodeSemverLoose(String a, String b, int expected) {
        assertThat(Integer.signum(SEMVER.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(SEMVER.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource(delimiter = '\t', value = {
        // numeric components compare as numbers of any length, not as text
        "1.10.0\t1.9.0\t1",
        "1.0.0\t1.0.18446744073709551616\t-1",
        // missing minor or patch read as 0 (lenient, not semver)
        "1\t1.0.0\t0",
        "1.2\t1.2.1\t-1",
        // the pre-release starts at the first '-' only; later dashes belong to the identifier
        "1.0.0-rc-1\t1.0.0-rc\t1",
        // a build suffix may contain '-' without making a pre-release
        "1.0.0+build-7\t1.0.0\t0",
        "V1.0.0\t1.0.0\t0",
    })
    void readsLenientFormsPredictably(String a, String b, int expected) {
        assertThat(Integer.signum(SEMVER.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(SEMVER.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void acceptsAnyStringWithoutThrowing() {
        assertThat(SEMVER.compare(null, null)).isZero();
        assertThat(SEMVER.compare("", "0.0.1")).isNegative();
        assertThat(SEMVER.compare("not a version", "not a version")).isZero();
        assertThat(SEMVER.scheme()).isEqualTo("semver");
    }
}
