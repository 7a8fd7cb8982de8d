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
 * Checks {@link RpmVersionOrdering} against rpm's own test suite: {@code versions/rpm-pairs.tsv} holds every
 * active RPMVERCMP case of rpm's tests/rpmvercmp.at (raw rpmvercmp inputs, compared with
 * {@link RpmVersionOrdering#rpmvercmp}); {@code versions/rpm-evr-pairs.tsv} holds E:V-R strings from
 * rpmpython.at / rpmmacro.at (compared with {@link RpmVersionOrdering#compare}).
 */
class RpmVersionOrderingTest {

    private static final VersionOrdering RPM = VersionOrderings.RPM;

    static List<Arguments> rpmvercmpCases() throws IOException {
        return OraclePairs.read("versions/rpm-pairs.tsv");
    }

    static List<Arguments> evrCases() throws IOException {
        return OraclePairs.read("versions/rpm-evr-pairs.tsv");
    }

    @Test
    void oracleFilesAreComplete() throws IOException {
        // rpm-pairs.tsv holds all 91 active cases; a truncated copy must not pass silently
        assertThat(rpmvercmpCases()).hasSize(91);
        assertThat(evrCases()).hasSize(11);
    }

    @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}")
    @MethodSource("rpmvercmpCases")
    void rpmvercmpMatchesRpm(String a, String b, int expected) {
        assertThat(Integer.signum(RpmVersionOrdering.rpmvercmp(a, b))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @MethodSource("rpmvercmpCases")
    void compareAgreesWithRpmvercmpOnPlainVersions(String a, String b, int expected) {
        // the rpmvercmp inputs contain neither ':' nor '-', so compare() sees them as epoch 0, no release
        assertThat(a + b).doesNotContain(":").doesNotContain("-");
        assertThat(Integer.signum(RPM.compare(a, b))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @MethodSource("evrCases")
    void compareMatchesRpmOnEvrs(String a, String b, int expected) {
        assertThat(Integer.signum(RPM.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(RPM.compare(b, a))).isEqualTo(-expected);
    }

    @ParameterizedTest(name = "compare({0}, {1}) = {2}")
    @CsvSource(delimiter = '\t', value = {
        // releases are compared after versions, with the same algorithm
        "2:1.2-3.fc40\t2:1.2-10.fc40\t-1",
        "1.2-3.fc40\t1.2-3.fc41\t-1",
        // a '-' inside the version is impossible in rpm; the LAST dash starts the release
        "1.0-rc1-2\t1.0-rc1-10\t-1",
        // a missing release matches any release, as rpm does when comparing EVRs
        "1.0\t1.0-5.el9\t0",
        // an empty epoch is epoch 0
        ":1.0-1\t0:1.0-1\t0",
        // the epoch wins over everything else
        "1:0.1-1\t9.9-9\t1",
        // pre-release in the release part
        "5.14.0-1~rc1.fc40\t5.14.0-1.fc40\t-1",
    })
    void compareHandlesEpochsAndReleases(String a, String b, int expected) {
        assertThat(Integer.signum(RPM.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(RPM.compare(b, a))).isEqualTo(-expected);
    }

    @Test
    void acceptsAnyStringWithoutThrowing() {
        assertThat(RPM.compare(null, null)).isZero();
        assertThat(RPM.compare("", "1.0")).isNegative();
        assertThat(Integer.signum(RPM.compare("x:y-z", "x:y-z"))).isZero();
        assertThat(RPM.scheme()).isEqualTo("rpm");
    }
}
