// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.protocol.CoreReleaseDTO;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The bundles operators published, by symbolic name and version, their bytes by SHA-256. */
@ProviderType
public interface ArtifactRepository {

    /** Largest bundle the repository takes by default. */
    long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** What publishing did: the artifact as stored, and whether it is new (false: these very bytes were there). */
    record Publication(ArtifactDTO artifact, boolean created) {}

    /** A stored artifact's bytes: a file of this node, already checked against the hash it is named by. */
    record Content(ArtifactDTO artifact, Path file) {}

    /**
     * Reads a bundle from {@code bytes} (at most the repository's limit), checks it is one, and keeps it.
     * Publishing the same bytes again is harmless and answers the stored artifact.
     *
     * @throws InvalidArtifactException not a jar, or not a bundle (no symbolic name or version, a fragment…)
     * @throws ArtifactTooLargeException over the limit
     * @throws ArtifactConflictException that name and version were published with other bytes, or another bundle
     *                                   offers a subsystem this one provides (one bundle per ecosystem)
     */
    Publication publish(String actor, InputStream bytes);

    /** Every version of every bundle, or of one symbolic name; by name, newest version first. */
    List<ArtifactDTO> list(String symbolicName);

    /** @throws UnknownArtifactException no such name and version */
    ArtifactDTO get(String symbolicName, String version);

    /** The bytes of a name and version. @throws UnknownArtifactException no such name and version */
    Content content(String symbolicName, String version);

    /** The bytes named by a SHA-256. @throws UnknownArtifactException no artifact has them */
    Content contentByHash(String sha256);

    /**
     * Takes a version out of circulation: it stays listed (and its bytes stay, for agents that run it) but is
     * never offered again. Retiring it twice is harmless.
     *
     * @throws UnknownArtifactException no such name and version
     */
    ArtifactDTO retire(String actor, String symbolicName, String version);

    /** What publishing a core release did: the release as stored, and whether it is new. */
    record CorePublication(CoreReleaseDTO release, boolean created) {}

    /**
     * Reads an agent core (the runnable agent jar) for a platform, checks it is one, and keeps it; its version is the
     * jar's. Publishing the same bytes again is harmless.
     *
     * @throws InvalidArtifactException not a jar, not an agent core, or not a platform name
     * @throws ArtifactTooLargeException over the limit
     * @throws ArtifactConflictException that platform and version were published with other bytes
     */
    CorePublication publishCore(String actor, String platform, InputStream bytes);

    /** Core releases, of every platform or one; by platform, newest version first. */
    List<CoreReleaseDTO> cores(String platform);

    /** The newest core release of a platform not retired, if any. */
    java.util.Optional<CoreReleaseDTO> latestCore(String platform);

    /** @throws UnknownArtifactException no such release */
    CoreReleaseDTO core(String platform, String version);

    /** Never offered again (agents that run it keep it). @throws UnknownArtifactException no such release */
    CoreReleaseDTO retireCore(String actor, String platform, String version);
}
