// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    @ParameterizedTest
    @CsvSource({
        // the specification's examples
        "targets/*.tgz, targets/foo.tgz, true",
        "targets/*.tgz, targets/foo.txt, false",
        "foo-version-?.tgz, foo-version-2.tgz, true",
        "foo-version-?.tgz, foo-version-alpha.tgz, false",
        "*.tgz, foo.tgz, true",
        "*.tgz, targets/foo.tgz, false",
        "foo.tgz, foo.tgz, true",
        "foo.tgz, foo.tgz.sig, false",
        // wildcards never cross a separator; matching is case-sensitive
        "releases/*/*, releases/x/x_v1, true",
        "releases/*/*, releases/README.md, false",
        "*, a/b, false",
        "*, '', true",
        "*.md, README.MD, false",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "*a*a, aaa, true",
        // character classes, as fnmatch has them
        "file[0-9].jar, file7.jar, true",
        "file[0-9].jar, fileX.jar, false",
        "file[!0-9].jar, fileX.jar, true",
        "file[!0-9].jar, file7.jar, false",
        "a[]]b, a]b, true",
        "a[b, a[b, true",
        "a[-x]b, a-b, true",
    })
    void matchesLikeFnmatchPerSegment(String pattern, String path, boolean matches) {
        assertThat(PathPattern.matches(pattern, path)).isEqualTo(matches);
    }
}
