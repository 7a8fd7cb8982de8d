// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import java.util.List;
import org.osgi.dto.DTO;

/**
 * A bundle in the server's artifact repository: one symbolic name at one version, its bytes named by their
 * SHA-256. A version is published once; publishing it again with other bytes is refused.
 */
public class ArtifactDTO extends DTO {
    /** {@code Bundle-SymbolicName}, without directives. */
    public String symbolicName;
    /** {@code Bundle-Version}, normalised to {@code major.minor.micro[.qualifier]}. */
    public String version;
    /** Lower-case hex SHA-256 of the jar's bytes. */
    public String sha256;
    /** The jar's length in bytes. */
    public long length;
    /** {@code Bundle-Name}, when the bundle has one. */
    public String name;
    /** {@code Bundle-Description}, when the bundle has one. */
    public String description;
    /** Ecosystems of the subsystems the bundle provides ({@code io.redflag.subsystem} capabilities); empty for other bundles. */
    public List<String> subsystems;
    public String publishedAt;
    /** Who published it ({@code operator:name}). */
    public String publishedBy;
    /** Null while offered; a retired version is never handed to agents again. */
    public String retiredAt;
}
