// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.internal;

import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.BundleState;
import io.redflag.updates.InPlaceBundles;
import io.redflag.updates.SwapException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InPlaceBundles} over this framework. Swaps are one at a time. Before an update the running bundle's
 * content is copied (the framework keeps the old revision only until the refresh), so a failure at any step —
 * update, refresh, resolve, start, a component failing to activate — puts it back. What came in this way (name →
 * SHA-256) is kept in this bundle's data area, so the inventory says it after a restart.
 * <p>
 * A swap that a crash interrupts is finished backwards at the next start: before touching a bundle, a journal entry is
 * written to {@code swap-journal/} in this bundle's data area — {@code <name>.jar}, the running bundle's copy, then
 * {@code <name>.properties} ({@code previous}, {@code target}, {@code fresh}) — and removed once the swap is
 * judged, either way. An entry found at activation means nobody judged that swap: the bundle is put back as it was
 * (a new one uninstalled, an updated one restored from the copy), and the failure says so. Calls wait for that.
 */
@Component(service = InPlaceBundles.class)
public final class FrameworkInPlaceBundles implements InPlaceBundles {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkInPlaceBundles.class);
    static final String RECORD = "in-place-bundles.properties";
    /** How long components of a started bundle may take to settle before the swap is judged. */
    static final long SETTLE_MILLIS = 2_000;

    private final BundleContext ctx;
    private final ServiceComponentRuntime scr;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Properties hashes = new Properties();
    private final CountDownLatch recovered = new CountDownLatch(1);

    @Activate
    public FrameworkInPlaceBundles(BundleContext ctx, @Reference ServiceComponentRuntime scr) {
        this.ctx = ctx;
        this.scr = scr;
        Path record = record();
        if (record != null && Files.exists(record)) {
            try (InputStream in = Files.newInputStream(record)) {
                hashes.load(in);
            } catch (IOException e) {
                LOG.warn("cannot read {}: the inventory will lack hashes until the next swap", record);
            }
        }
        // not on SCR's thread: restoring a bundle refreshes it, and that must not wait for this activation
        Thread t = new Thread(() -> {
            try {
                recover();
            } finally {
                recovered.countDown();
            }
        }, "redflag-swap-recovery");
        t.setDaemon(true);
        t.start();
    }

    private Path journal() {
        java.io.File f = ctx.getDataFile("swap-journal");
        return f == null ? null : f.toPath();
    }

    /** Puts back every bundle whose swap was interrupted. */
    private synchronized void recover() {
        Path dir = journal();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries.filter(p -> p.toString().endsWith(".properties"))::iterator) {
                String name = entry.getFileName().toString().replaceFirst("\\.properties$", "");
                Properties j = new Properties();
                try (InputStream in = Files.newInputStream(entry)) {
                    j.load(in);
                }
                Bundle b = find(name);
                String why = "the swap to " + j.getProperty("target") + " was interrupted (the runtime stopped)";
                try {
                    if (Boolean.parseBoolean(j.getProperty("fresh")) && b != null) {
                        b.uninstall();
                        refresh(b);
                        hashes.remove(name);
                        failures.put(name, j.getProperty("target") + ": " + why + "; removed");
                    } else if (b != null && !b.getVersion().toString().equals(j.getProperty("previous"))) {
                        try (InputStream in = Files.newInputStream(dir.resolve(name + ".jar"))) {
                            b.update(in);
                        }
                        refresh(b);
                        start(b);
                        failures.put(name, j.getProperty("target") + ": " + why + "; " + j.getProperty("previous") + " restored");
                    }
                    if (j.getProperty("previousSha256") != null) {
                        hashes.setProperty(name, j.getProperty("previousSha256"));
                    }
                    save();
                    LOG.warn("{} {}: put back as it was", name, why);
                } catch (SwapException | BundleException | IOException | RuntimeException e) {
                    failures.put(name, j.getProperty("target") + ": " + why + "; putting it back failed: " + e.getMessage());
                    LOG.error("{} {}; putting it back failed: {}", name, why, e.getMessage());
                }
                close(name);
            }
        } catch (IOException e) {
            LOG.error("cannot read the swap journal {}: {}", dir, e.getMessage());
        }
    }

    /** Writes a journal entry before a swap touches {@code name}. */
    private void open(String name, String previous, String previousSha256, String target, byte[] copy) throws SwapException {
        Path dir = journal();
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            if (copy != null) {
                atomically(dir.resolve(name + ".jar"), copy);
            }
            Properties j = new Properties();
            j.setProperty("target", target);
            j.setProperty("fresh", String.valueOf(previous == null));
            if (previous != null) {
                j.setProperty("previous", previous);
            }
            if (previousSha256 != null) {
                j.setProperty("previousSha256", previousSha256);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            j.store(out, "a swap in progress; put back at the next start if still here");
            atomically(dir.resolve(name + ".properties"), out.toByteArray());
        } catch (IOException e) {
            throw new SwapException("cannot write the swap journal for " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes a journal entry: the swap was judged. */
    private void close(String name) {
        Path dir = journal();
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(name + ".properties"));
            Files.deleteIfExists(dir.resolve(name + ".jar"));
        } catch (IOException e) {
            LOG.warn("cannot clear the swap journal of {}: {}", name, e.getMessage());
        }
    }

    private static void atomically(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "journal", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitRecovery() throws SwapException {
        try {
            if (!recovered.await(2, TimeUnit.MINUTES)) {
                throw new SwapException("the interrupted swaps of the last run are still being put back");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwapException("interrupted while waiting for the last run's swaps to be put back", e);
        }
    }

    @Override
    public Swap install(String symbolicName, String version, Path jar, String sha256) throws SwapException {
        awaitRecovery();
        return installNow(symbolicName, version, jar, sha256);
    }

    private synchronized Swap installNow(String symbolicName, String version, Path jar, String sha256) throws SwapException {
        long t0 = System.nanoTime();
        Version wanted = Version.parseVersion(version);
        check(jar, symbolicName, wanted);
        Bundle running = find(symbolicName);
        String previous = running == null ? null : running.getVersion().toString();
        try {
            if (running == null) {
                open(symbolicName, null, null, version, null);
                fresh(symbolicName, jar);
            } else {
                int order = running.getVersion().compareTo(wanted);
                if (order > 0) {
                    throw new SwapException(symbolicName + " " + running.getVersion() + " runs; refusing to go back to " + wanted);
                }
                if (order == 0 && sha256.equals(hashes.getProperty(symbolicName)) && running.getState() == Bundle.ACTIVE) {
                    failures.remove(symbolicName);
                    return new Swap(symbolicName, version, version, 0);
                }
                replace(running, jar, version);
            }
        } catch (SwapException e) {
            failures.put(symbolicName, version + ": " + e.getMessage());
            close(symbolicName);
            throw e;
        }
        failures.remove(symbolicName);
        hashes.setProperty(symbolicName, sha256);
        save();
        close(symbolicName);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("{} {} in place ({} ms){}", symbolicName, version, ms, previous == null ? "" : ", was " + previous);
        return new Swap(symbolicName, previous, wanted.toString(), ms);
    }

    /** The jar must be exactly the bundle and version it is installed as. */
    private static void check(Path jar, String symbolicName, Version version) throws SwapException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Manifest m = f.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            String v = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            if (bsn == null || !bsn.split(";")[0].trim().equals(symbolicName)) {
                throw new SwapException("the jar is not " + symbolicName + " (it says " + bsn + ")");
            }
            if (v == null || !Version.parseVersion(v).equals(version)) {
                throw new SwapException("the jar is " + symbolicName + " " + v + ", not " + version);
            }
            if (m.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null) {
                throw new SwapException(symbolicName + " is a fragment; fragments are not swapped on their own");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SwapException("the jar of " + symbolicName + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void fresh(String symbolicName, Path jar) throws SwapException {
        Bundle b;
        try (InputStream in = Files.newInputStream(jar)) {
            b = ctx.installBundle(PLUGIN_LOCATION + symbolicName, in);
        } catch (IOException | BundleException e) {
            throw new SwapException("cannot install " + symbolicName + ": " + e.getMessage(), e);
        }
        try {
            String level = ctx.getProperty(PLUGIN_START_LEVEL);
            if (level != null) {
                b.adapt(BundleStartLevel.class).setStartLevel(Integer.parseInt(level));
            }
            start(b);
        } catch (SwapException | RuntimeException e) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException u) {
                LOG.warn("could not remove {} after it failed: {}", symbolicName, u.getMessage());
            }
            throw e instanceof SwapException s ? s : new SwapException(symbolicName + " failed: " + e.getMessage(), e);
        }
    }

    private void replace(Bundle running, Path jar, String target) throws SwapException {
        String name = running.getSymbolicName();
        byte[] previous;
        try {
            previous = BundleCopies.of(running);
        } catch (IOException e) {
            throw new SwapException("cannot keep a copy of the running " + name + " to fall back on: " + e.getMessage(), e);
        }
        open(name, running.getVersion().toString(), hashes.getProperty(name), target, previous);
        try {
            try (InputStream in = Files.newInputStream(jar)) {
                running.update(in);
            }
            refresh(running);
            start(running);
        } catch (SwapException | IOException | BundleException | RuntimeException e) {
            String why = e instanceof SwapException ? e.getMessage() : name + " did not come in: " + e.getMessage();
            try {
                running.update(new ByteArrayInputStream(previous));
                refresh(running);
                start(running);
                LOG.warn("{}; {} {} restored", why, name, running.getVersion());
            } catch (SwapException | BundleException | RuntimeException r) {
                LOG.error("{}; restoring the previous {} failed too: {}", why, name, r.getMessage());
                throw new SwapException(why + "; restoring the previous version failed too: " + r.getMessage(), e);
            }
            throw new SwapException(why, e);
        }
    }

    /** Starts the bundle and waits for its components to settle; fails when it is not active or a component failed. */
    private void start(Bundle b) throws SwapException {
        try {
            b.start();
        } catch (BundleException | IllegalStateException e) {
            throw new SwapException(b.getSymbolicName() + " did not start: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        String failed;
        do {
            failed = failedComponent(b);
            if (failed != null || b.getState() == Bundle.ACTIVE && settled(b)) {
                break;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        if (failed != null) {
            throw new SwapException(failed);
        }
        if (b.getState() != Bundle.ACTIVE) {
            throw new SwapException(b.getSymbolicName() + " is not active after its start");
        }
    }

    private String failedComponent(Bundle b) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return "component " + d.name + " of " + b.getSymbolicName() + " failed to activate: " + rootCause(c.failure);
                }
            }
        }
        return null;
    }

    /** The innermost cause of a failure as SCR writes it (a stack trace), in one line. */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse("").trim();
        for (String line : (Iterable<String>) failure.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).trim();
            }
        }
        return cause;
    }

    /** No component of the bundle is still between states (enabled but not yet judged). */
    private boolean settled(Bundle b) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (scr.isComponentEnabled(d) && d.immediate && scr.getComponentConfigurationDTOs(d).stream()
                    .anyMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED)) {
                return false; // an immediate component that is satisfied but not yet active is on its way
            }
        }
        return true;
    }

    private static void sleep() throws SwapException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwapException("interrupted while waiting for the bundle to start", e);
        }
    }

    private void refresh(Bundle b) throws SwapException {
        CountDownLatch done = new CountDownLatch(1);
        List<String> errors = new ArrayList<>();
        ctx.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> {
            if (e.getType() == FrameworkEvent.ERROR && e.getThrowable() != null) {
                synchronized (errors) {
                    errors.add(e.getThrowable().getMessage());
                }
            }
            done.countDown();
        });
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new SwapException("refreshing " + b.getSymbolicName() + " took over a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwapException("interrupted while refreshing " + b.getSymbolicName(), e);
        }
    }

    @Override
    public boolean remove(String symbolicName) throws SwapException {
        awaitRecovery();
        return removeNow(symbolicName);
    }

    private synchronized boolean removeNow(String symbolicName) throws SwapException {
        Bundle b = find(symbolicName);
        failures.remove(symbolicName);
        if (b == null) {
            return false;
        }
        if (!b.getLocation().startsWith(PLUGIN_LOCATION)) {
            throw new SwapException(symbolicName + " belongs to the runtime's own bundles; it is not removed");
        }
        try {
            b.uninstall();
            refresh(b);
        } catch (BundleException | IllegalStateException e) {
            throw new SwapException("cannot remove " + symbolicName + ": " + e.getMessage(), e);
        }
        hashes.remove(symbolicName);
        save();
        LOG.info("{} removed", symbolicName);
        return true;
    }

    @Override
    public List<BundleInventoryDTO> inventory() {
        List<BundleInventoryDTO> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() == 0 || b.getSymbolicName() == null) {
                continue;
            }
            BundleInventoryDTO d = new BundleInventoryDTO();
            d.symbolicName = b.getSymbolicName();
            d.version = b.getVersion().toString();
            d.state = state(b.getState());
            d.base = !b.getLocation().startsWith(PLUGIN_LOCATION);
            d.sha256 = hashes.getProperty(d.symbolicName);
            d.failure = failures.get(d.symbolicName);
            seen.add(d.symbolicName);
            out.add(d);
        }
        failures.forEach((name, why) -> {
            if (!seen.contains(name)) {
                BundleInventoryDTO d = new BundleInventoryDTO();
                d.symbolicName = name;
                d.version = why.substring(0, Math.max(0, why.indexOf(':')));
                d.state = BundleState.FAILED;
                d.failure = why;
                out.add(d);
            }
        });
        out.sort(Comparator.comparing(d -> d.symbolicName));
        return out;
    }

    private static BundleState state(int s) {
        return switch (s) {
            case Bundle.INSTALLED -> BundleState.INSTALLED;
            case Bundle.RESOLVED -> BundleState.RESOLVED;
            case Bundle.STARTING -> BundleState.STARTING;
            case Bundle.ACTIVE -> BundleState.ACTIVE;
            case Bundle.STOPPING -> BundleState.STOPPING;
            default -> BundleState.UNKNOWN;
        };
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : ctx.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }

    private Path record() {
        java.io.File f = ctx.getDataFile(RECORD);
        return f == null ? null : f.toPath();
    }

    private void save() {
        Path record = record();
        if (record == null) {
            return;
        }
        try {
            Path tmp = Files.createTempFile(record.getParent(), "swap", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                hashes.store(out, "bundles installed in place: symbolic name = SHA-256");
            }
            Files.move(tmp, record, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", record, e.getMessage());
        }
    }
}
