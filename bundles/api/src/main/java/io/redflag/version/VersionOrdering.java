// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

import java.util.Comparator;
import org.osgi.annotation.versioning.ConsumerType;

/** A total order on an ecosystem's version strings. Must accept any string without throwing. */
@ConsumerType
public interface VersionOrdering extends Comparator<String> {

    /** The scheme's name: "dpkg", "rpm", "semver", "agent", … */
    String scheme();

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    @Override
    int compare(String a, String b);
}
