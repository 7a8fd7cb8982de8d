// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.SubsystemType;
import io.redflag.version.VersionOrdering;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Describes the Docker subsystem: local images whose tag points at a newer manifest on the registry.
 * Needs nothing from the runtime, so it is active on the server and on the agent.
 */
@Component(service = SubsystemDescriptor.class)
@SubsystemType(ecosystem = DockerDescriptor.ECOSYSTEM, displayName = "Docker images (Engine API)", os = {"linux", "windows"}, defaultIntervalSeconds = 6 * 3600) // each tag costs a registry request
public final class DockerDescriptor implements SubsystemDescriptor {

    /** The ecosystem id. */
    public static final String ECOSYSTEM = "docker";
    /** Configuration key (also in the scanner's OSGi configuration): the Engine API unix socket. */
    public static final String SOCKET_PATH = "socket.path";
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    /** Digests have no order; see {@link DigestOrdering}: only "equal" or "different" means anything. */
    @Override
    public VersionOrdering versionOrdering() {
        return DigestOrdering.INSTANCE;
    }

    @Override
    public Map<String, String> defaultConfiguration() {
        return Map.of(SOCKET_PATH, DEFAULT_SOCKET);
    }

    /**
     * Reads the Engine's GET /images/json answer (a JSON array) into one entry per repo tag with the local
     * digest as installed version. No registry is asked, so availableVersion is null: this shows what the
     * engine reports, not which updates are pending.
     */
    @Override
    public List<PackageUpdateDTO> parseScanOutput(String output) throws ScanException {
        return ImageListing.of(EngineJson.images(output));
    }

    /**
     * Docker has no dry-run command; what can be parsed is the progress stream of a pull
     * (POST /images/create, the same lines {@code docker pull} renders). It gives the plan that pull carried
     * out: an UPGRADE of the tag to the pulled digest (fromVersion null, the stream does not name the old
     * one), or a note that the tag was up to date, and the stream's errors as notes.
     */
    @Override
    public TransactionPlanDTO parseDryRunOutput(String output) throws ScanException {
        return PullStream.toPlan(PullStream.parse(output));
    }
}
