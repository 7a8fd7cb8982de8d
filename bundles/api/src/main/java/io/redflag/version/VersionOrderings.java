// SPDX-License-Identifier: Apache-2.0
package io.redflag.version;

/** The version orderings the platform ships; plug-ins reference them from their descriptors. */
public final class VersionOrderings {

    /** Debian's: {@code [epoch:]upstream[-revision]}, {@code ~} sorts before everything, as {@code dpkg --compare-versions}. */
    public static final VersionOrdering DPKG = new DpkgVersionOrdering();
    /** RPM's rpmvercmp on {@code [epoch:]version[-release]}, with {@code ~} and {@code ^}. */
    public static final VersionOrdering RPM = new RpmVersionOrdering();
    /** Semantic Versioning 2.0.0 precedence; build metadata is ignored, a leading "v" is accepted. */
    public static final VersionOrdering SEMVER = new SemverOrdering();
    /**
     * The agent's own versions: dot-separated numbers of any length compared numerically
     * (0.1.9 &lt; 0.1.22, 0.1.23 &lt; 0.1.23.5), a "v" prefix ignored.
     */
    public static final VersionOrdering AGENT = new AgentVersionOrdering();

    private VersionOrderings() {}
}
