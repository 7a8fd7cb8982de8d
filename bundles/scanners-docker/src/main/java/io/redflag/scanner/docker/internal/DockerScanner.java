// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.docker.internal;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.propertytypes.AgentOnly;
import io.redflag.scanner.propertytypes.ScannerType;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Finds local Docker images whose tag points at a newer manifest on its registry, and pulls them. Talks to
 * the Docker Engine API over its unix socket and to registries over HTTPS; it runs no processes.
 */
@Component(service = PackageScanner.class)
@ScannerType(ecosystem = DockerDescriptor.ECOSYSTEM)
@AgentOnly
@Designate(ocd = DockerScanner.Config.class)
public final class DockerScanner implements PackageScanner {

    @ObjectClassDefinition(name = "RedFlag Docker scanner")
    public @interface Config {
        @AttributeDefinition(description = "Unix socket of the Docker Engine API. The server can override it per"
                + " agent with the subsystem setting socket.path. Windows named pipes are not supported.")
        String socket_path() default DockerDescriptor.DEFAULT_SOCKET;

        @AttributeDefinition(description = "Registry hosts (host or host:port, as in image names) reached over"
                + " plain HTTP instead of HTTPS, for example a local registry at localhost:5000")
        String[] registry_insecure_hosts() default {};
    }

    private static final String TOOL = "docker engine";

    private final Config config;
    private final RegistryClient registry;

    /** The engine is reached over its socket, not through the docker CLI: no process runner is needed. */
    @Activate
    public DockerScanner(Config config) {
        this(config, new RegistryClient(Set.copyOf(Arrays.asList(config.registry_insecure_hosts()))));
    }

    /** For tests: a registry client pointed at a fake registry, with a test clock. */
    DockerScanner(Config config, RegistryClient registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public ScanReportDTO scan(ScanContext ctx) throws ScanException {
        DockerEngine engine = engine(ctx);
        if (!engine.present()) {
            return missing(engine);
        }
        try {
            return new ImageUpdateFinder(engine, registry).scan(ctx.deadline());
        } catch (NoSuchFileException e) {
            return missing(engine);  // the socket vanished between the check and the connect
        } catch (IOException e) {
            ScanReportDTO r = new ScanReportDTO();
            r.status = ScanStatus.FAILED;
            r.message = "docker engine at " + engine.socket() + " did not answer: " + e.getMessage();
            return r;
        }
    }

    /** The plan: an UPGRADE of each requested tag from its local digest to the registry's digest. */
    @Override
    public TransactionPlanDTO dryRun(ScanContext ctx, List<String> packages) throws ScanException {
        DockerEngine engine = engine(ctx);
        if (!engine.present()) {
            throw new ScanException("no docker engine socket at " + engine.socket());
        }
        try {
            return new ImageUpdateFinder(engine, registry).plan(packages, ctx.deadline());
        } catch (IOException e) {
            throw new ScanException("docker engine at " + engine.socket() + " did not answer: " + e.getMessage(), e);
        }
    }

    /** Pulls each tag, then reports the containers that still run the image the pull replaced. */
    @Override
    public InstallResultDTO install(ScanContext ctx, List<String> packages) throws ScanException {
        DockerEngine engine = engine(ctx);
        if (!engine.present()) {
            InstallResultDTO r = new InstallResultDTO();
            r.exitCode = CommandRunner.EXIT_NOT_FOUND;
            r.message = "no docker engine socket at " + engine.socket() + "; nothing pulled";
            r.output = "";
            return r;
        }
        return new ImagePuller(engine).install(packages, ctx.deadline());
    }

    private DockerEngine engine(ScanContext ctx) {
        String socket = ctx.configuration().get(DockerDescriptor.SOCKET_PATH);
        return new DockerEngine(Path.of(socket == null || socket.isBlank() ? config.socket_path() : socket));
    }

    private static ScanReportDTO missing(DockerEngine engine) {
        ScanReportDTO r = ScanReportDTO.toolMissing(TOOL);
        r.notes.add("no socket at " + engine.socket() + " (set socket.path if the engine listens elsewhere;"
                + " Windows named pipes are not supported)");
        return r;
    }
}
