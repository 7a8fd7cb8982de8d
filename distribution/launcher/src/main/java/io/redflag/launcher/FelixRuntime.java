// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One Felix runtime over a persistent framework storage, so what was installed in place (a scanner bundle swapped
 * by the agent, a plug-in the server took from its repository) survives a restart.
 * <p>
 * The launcher's own bundles are the <em>base set</em>, reconciled at every start by symbolic name and version:
 * a missing one is installed, an older one updated, one installed in place with a newer version kept (never
 * downgraded), one the base set no longer holds uninstalled. Start levels order the start instead of a list:
 * SPI Fly, SLF4J and ConfigAdmin at {@link #LEVEL_BOOT}, the rest of the base set at {@link #LEVEL_CORE}, bundles
 * installed in place at {@link #LEVEL_PLUGINS}. Configurations are written through ConfigAdmin (its package is
 * shared with the launcher by the system bundle) between the boot level and the core level, so every component
 * sees its configuration when it first activates; configurations an earlier start wrote and this one does not are
 * deleted.
 */
public final class FelixRuntime implements AutoCloseable {

    /** SPI Fly, SLF4J and ConfigAdmin: active before anything loads SLF4J or the JAX-RS spec classes (STACK.md §2). */
    public static final int LEVEL_BOOT = 1;
    /** The rest of the launcher's own bundles. */
    public static final int LEVEL_CORE = 2;
    /** Bundles installed in place (scanner plug-ins): they start after the core that manages them. */
    public static final int LEVEL_PLUGINS = 3;
    /** Location prefix of the base set's bundles. */
    public static final String BASE_LOCATION = "redflag:base:";
    /** Location prefix of bundles installed in place. */
    public static final String PLUGIN_LOCATION = "redflag:plugin:";
    private static final List<String> BOOT = List.of(
            "org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple", "org.apache.felix.configadmin");
    /** Marks configurations the launcher wrote, so that a later start can delete those it no longer writes. */
    static final String SEEDED = ".redflag.seeded";
    /** What the base set held at the last start: symbolic name → SHA-256 of its bytes. */
    static final String BASE_RECORD = "redflag-base-set.properties";

    private final Framework framework;
    private final List<String> reconciled;

    private FelixRuntime(Framework framework, List<String> reconciled) {
        this.framework = framework;
        this.reconciled = reconciled;
    }

    /**
     * Starts a runtime.
     *
     * @param storage        the framework's storage folder, kept between starts
     * @param properties     framework properties, readable by bundles through {@code BundleContext.getProperty}
     * @param configurations ConfigAdmin configurations by PID, in place before any core component activates
     */
    public static FelixRuntime start(Path storage, BundleSource source, Map<String, String> properties,
            Map<String, Map<String, Object>> configurations) throws IOException, BundleException {
        List<Base> base = read(source);
        Framework fw;
        try {
            // a storage without the base-set record was written by a launcher that cleaned it at every start
            fw = init(storage, properties, !Files.exists(storage.resolve(BASE_RECORD)));
        } catch (BundleException | RuntimeException e) {
            // a storage the framework cannot read (a crash while it wrote, a newer format): start over from the base set
            System.err.println("redflag: framework storage " + storage + " unreadable (" + e.getMessage() + "); starting afresh");
            fw = init(storage, properties, true);
        }
        List<String> changes = new ArrayList<>();
        FelixRuntime runtime = new FelixRuntime(fw, changes);
        try {
            BundleContext ctx = fw.getBundleContext();
            changes.addAll(reconcile(ctx, storage, base));
            fw.start(); // to the boot level: SPI Fly, SLF4J, ConfigAdmin
            runtime.seedConfigurations(configurations);
            List<String> failures = runtime.raiseTo(LEVEL_PLUGINS);
            List<String> notActive = new ArrayList<>();
            for (Base b : base) {
                Bundle installed = find(ctx, b.symbolicName());
                if (installed != null && !b.fragment() && installed.getState() != Bundle.ACTIVE) {
                    notActive.add(b.symbolicName());
                }
            }
            if (!notActive.isEmpty()) {
                throw new BundleException("bundles failed to start: " + notActive
                        + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures)));
            }
            return runtime;
        } catch (IOException | BundleException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private static Framework init(Path storage, Map<String, String> properties, boolean clean) throws BundleException {
        Map<String, String> props = new HashMap<>(properties);
        props.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        if (clean) {
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(LEVEL_BOOT));
        props.put("redflag.startlevel.plugins", String.valueOf(LEVEL_PLUGINS)); // InPlaceBundles.PLUGIN_START_LEVEL
        // ConfigAdmin's API comes from the launcher, so that it writes configurations with the real types
        props.merge(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1",
                (a, b) -> a + "," + b);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FelixRuntime.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework fw = factory.newFramework(props);
        fw.init();
        return fw;
    }

    /**
     * A bundle of the base set: its name and version (from its manifest) and its SHA-256, read in one pass without
     * keeping its bytes; they are read again only to install or update it (a start that changes nothing holds none).
     */
    record Base(String symbolicName, Version version, boolean fragment, BundleSource.Entry entry, String sha256) {

        InputStream open() throws IOException {
            return new java.io.BufferedInputStream(entry.open(), 64 * 1024);
        }
    }

    static List<Base> read(BundleSource source) throws IOException {
        List<Base> out = new ArrayList<>();
        for (BundleSource.Entry e : source.entries()) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
            Manifest m;
            try (java.security.DigestInputStream in = new java.security.DigestInputStream(e.open(), digest);
                    JarInputStream jar = new JarInputStream(in)) {
                m = jar.getManifest();
                in.transferTo(java.io.OutputStream.nullOutputStream()); // the rest of the bytes, for the hash
            }
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null) {
                throw new IOException(e.location() + " is not a bundle (no Bundle-SymbolicName)");
            }
            out.add(new Base(bsn.split(";")[0].trim(),
                    Version.parseVersion(m.getMainAttributes().getValue(Constants.BUNDLE_VERSION)),
                    m.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null, e,
                    HexFormat.of().formatHex(digest.digest())));
        }
        return out;
    }

    /**
     * Brings the installed bundles in line with the base set; says what it changed. Bundles installed in place that
     * the base set does not know are left alone: they belong to whoever installed them.
     */
    static List<String> reconcile(BundleContext ctx, Path storage, List<Base> base) throws IOException, BundleException {
        Properties record = new Properties();
        Path recordFile = storage.resolve(BASE_RECORD);
        if (Files.exists(recordFile)) {
            try (InputStream in = Files.newInputStream(recordFile)) {
                record.load(in);
            }
        }
        List<String> changes = new ArrayList<>();
        Map<String, Base> wanted = new LinkedHashMap<>();
        base.forEach(b -> wanted.put(b.symbolicName(), b));
        List<Bundle> updated = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() != 0 && b.getLocation().startsWith(BASE_LOCATION) && !wanted.containsKey(b.getSymbolicName())) {
                changes.add("uninstalled " + b.getSymbolicName() + " " + b.getVersion() + " (no longer in the base set)");
                b.uninstall();
                updated.add(b);
            }
        }
        for (Base b : base) {
            Bundle installed = find(ctx, b.symbolicName());
            if (installed == null) {
                try (InputStream in = b.open()) {
                    installed = ctx.installBundle(BASE_LOCATION + b.symbolicName(), in);
                }
                changes.add("installed " + b.symbolicName() + " " + b.version());
            } else {
                int order = installed.getVersion().compareTo(b.version());
                boolean fromBase = installed.getLocation().startsWith(BASE_LOCATION);
                // exactly what the last core's base set installed (not swapped in place since): it follows this core,
                // up or down, so that a core rolled back runs its own bundles again
                String lastBase = record.getProperty(b.symbolicName() + ".version");
                boolean asLastCoreLeftIt = fromBase && lastBase != null && installed.getVersion().toString().equals(lastBase);
                if (order < 0 || (asLastCoreLeftIt || order == 0 && fromBase)
                        && !b.sha256().equals(record.getProperty(b.symbolicName()))) {
                    try (InputStream in = b.open()) {
                        installed.update(in);
                    }
                    updated.add(installed);
                    changes.add("updated " + b.symbolicName() + " to " + b.version());
                } else if (order > 0) {
                    changes.add("kept " + b.symbolicName() + " " + installed.getVersion() + " installed in place (the base set has "
                            + b.version() + ")");
                }
            }
            BundleStartLevel level = installed.adapt(BundleStartLevel.class);
            level.setStartLevel(BOOT.contains(b.symbolicName()) ? LEVEL_BOOT : LEVEL_CORE);
            if (!b.fragment()) {
                installed.start(); // persistent: started whenever its level is reached
            }
        }
        if (!updated.isEmpty() && (ctx.getBundle(0).getState() & Bundle.ACTIVE) != 0) {
            refresh(ctx, updated); // before the framework starts nothing is wired yet: there is nothing to refresh
        }
        Properties now = new Properties();
        base.forEach(b -> {
            now.setProperty(b.symbolicName(), b.sha256());
            now.setProperty(b.symbolicName() + ".version", b.version().toString());
        });
        Path tmp = Files.createTempFile(storage, "base", ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            now.store(out, "the launcher's base set at its last start");
        }
        Files.move(tmp, recordFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return changes;
    }

    private static void refresh(BundleContext ctx, List<Bundle> bundles) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        ctx.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, e -> done.countDown());
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new BundleException("refreshing updated bundles took over a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing bundles", e);
        }
    }

    /** The bundle of that symbolic name (the framework holds one version of each here), or null. */
    static Bundle find(BundleContext ctx, String symbolicName) {
        for (Bundle b : ctx.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Raises the framework to {@code level}, waiting for it; the errors bundles reported on the way. */
    private List<String> raiseTo(int level) throws BundleException {
        List<String> errors = new ArrayList<>();
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                synchronized (errors) {
                    errors.add((e.getBundle() == null ? "?" : e.getBundle().getSymbolicName()) + ": "
                            + (e.getThrowable() == null ? "error" : e.getThrowable().getMessage()));
                }
            } else if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                reached.countDown();
            }
        };
        BundleContext ctx = context();
        ctx.addFrameworkListener(listener);
        try {
            framework.adapt(FrameworkStartLevel.class).setStartLevel(level);
            if (!reached.await(120, TimeUnit.SECONDS)) {
                throw new BundleException("bundles took over two minutes to start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while starting bundles", e);
        } finally {
            ctx.removeFrameworkListener(listener);
        }
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    public Framework framework() {
        return framework;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** What reconciling the base set changed at this start (empty when nothing did). */
    public List<String> reconciled() {
        return reconciled;
    }

    /** Writes this start's configurations through ConfigAdmin and deletes those an earlier start wrote but this one does not. */
    private void seedConfigurations(Map<String, Map<String, Object>> configurations) {
        BundleContext ctx = context();
        ServiceReference<ConfigurationAdmin> ref = ctx.getServiceReference(ConfigurationAdmin.class);
        if (ref == null && configurations.isEmpty()) {
            return;
        }
        if (ref == null) {
            throw new IllegalStateException("ConfigAdmin is not running (or does not share org.osgi.service.cm with the "
                    + "launcher); cannot configure " + configurations.keySet());
        }
        ConfigurationAdmin admin = ctx.getService(ref);
        try {
            Configuration[] earlier = admin.listConfigurations("(" + SEEDED + "=true)");
            if (earlier != null) {
                for (Configuration c : earlier) {
                    if (!configurations.containsKey(c.getPid())) {
                        c.delete();
                    }
                }
            }
            for (Map.Entry<String, Map<String, Object>> c : configurations.entrySet()) {
                Dictionary<String, Object> props = new Hashtable<>(c.getValue());
                props.put(SEEDED, Boolean.TRUE);
                admin.getConfiguration(c.getKey(), "?").updateIfDifferent(props);
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("cannot write configurations through ConfigAdmin: " + e.getMessage(), e);
        } finally {
            ctx.ungetService(ref);
        }
    }

    /** Blocks until the framework stops. */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
