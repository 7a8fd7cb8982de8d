// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.scanner.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link AptPolicyParser} on {@code apt-cache policy curl gzip libcurl4 tar} from the sandbox (see apt/CAPTURES.md). */
class AptPolicyParserTest {

    @Test
    void findsThePackagesWhoseCandidateIsPhased() {
        // gzip "1.12-1+rf1 500 (phased 0%)", tar "(phased 10%)"; curl is held, libcurl4 follows it
        assertThat(AptPolicyParser.phasedCandidates(Fixtures.text("apt/sandbox/policy-kept.stdout")))
                .containsExactly("gzip", "tar");
    }

    @Test
    void onlyTheCandidateCounts() {
        String policy = "libfoo:i386:\n"
                + "  Installed: 1.0-1\n"
                + "  Candidate: 1.0-2\n"
                + "  Version table:\n"
                + "     1.0-3 500 (phased 20%)\n"
                + "        500 http://archive.ubuntu.com/ubuntu noble-proposed/main i386 Packages\n"
                + "     1.0-2 500\n"
                + "        500 http://archive.ubuntu.com/ubuntu noble-updates/main i386 Packages\n"
                + " *** 1.0-1 100\n"
                + "        100 /var/lib/dpkg/status\n";
        assertThat(AptPolicyParser.phasedCandidates(policy)).isEmpty();
        assertThat(AptPolicyParser.phasedCandidates(policy.replace("1.0-2 500\n", "1.0-2 500 (phased 40%)\n")))
                .containsExactly("libfoo:i386");
    }
}
