// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import io.redflag.protocol.ArtifactDTO;
import io.redflag.server.artifacts.ArtifactRepository;
import io.redflag.server.artifacts.DesiredStates;
import io.redflag.updates.InPlaceBundles;
import io.redflag.updates.SwapException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scanner bundle describes its subsystem on the server: every plug-in the repository offers is swapped into this
 * server's own runtime too, where its descriptor (and only that: its scanner waits for the agent runtime) joins the
 * catalog, so operators can enable the new subsystem on agents without a restart. Each node does this for itself,
 * looking every two seconds; a version that fails here is said once and not tried again.
 * <p>
 * Publishing is an admin's act and runs the plug-in's descriptor code in the server (as installing it on agents
 * runs its scanner there): see docs/SECURITY.md.
 */
@Component(immediate = true)
public final class ServerPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPlugins.class);

    private final DesiredStates states;
    private final ArtifactRepository repository;
    private final InPlaceBundles bundles;
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redflag-server-plugins");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ServerPlugins(@Reference DesiredStates states, @Reference ArtifactRepository repository,
            @Reference InPlaceBundles bundles) {
        this.states = states;
        this.repository = repository;
        this.bundles = bundles;
        timer.scheduleWithFixedDelay(this::syncQuietly, 0, 2, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("could not look at the offered plug-ins: {}", e.getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) { // a scheduled task that throws is never run again
            LOG.error("could not look at the offered plug-ins", e);
        }
    }

    void sync() {
        Map<String, ArtifactDTO> byName = new LinkedHashMap<>();
        states.offered().values().forEach(a -> byName.put(a.symbolicName, a));
        for (ArtifactDTO a : byName.values()) {
            String key = a.symbolicName + " " + a.version + " " + a.sha256;
            if (!tried.add(key)) {
                continue;
            }
            try {
                InPlaceBundles.Swap swap = bundles.install(a.symbolicName, a.version, repository.content(a.symbolicName, a.version)
                        .file(), a.sha256);
                if (!a.version.equals(swap.previousVersion())) {
                    LOG.info("plug-in {} {} describes its subsystems {} on this server", a.symbolicName, a.version, a.subsystems);
                }
            } catch (SwapException e) {
                LOG.warn("plug-in {} {} cannot run on this server: {}", a.symbolicName, a.version, e.getMessage());
            } catch (RuntimeException e) {
                tried.remove(key); // the database or the disk: try again next round
                LOG.warn("could not fetch plug-in {} {} for this server: {}", a.symbolicName, a.version, e.getMessage());
            }
        }
    }
}
