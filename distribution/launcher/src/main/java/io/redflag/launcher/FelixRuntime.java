// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One Felix runtime: installs every bundle of a {@link BundleSource}, seeds ConfigAdmin and starts
 * the bundles in the order that keeps SPI Fly and logging working (see STACK.md §2).
 */
public final class FelixRuntime implements AutoCloseable {

    /** Bundles that must be active before anything loads SLF4J or the JAX-RS spec classes, in this order. */
    private static final List<String> FIRST = List.of(
            "org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple", "org.apache.felix.configadmin");

    private final Framework framework;

    private FelixRuntime(Framework framework) {
        this.framework = framework;
    }

    /**
     * Starts a runtime.
     *
     * @param storage        the framework's cache folder (cleaned at start: bundles come from the source)
     * @param properties     framework properties, readable by bundles through {@code BundleContext.getProperty}
     * @param configurations ConfigAdmin configurations by PID, in place before any component activates
     */
    public static FelixRuntime start(Path storage, BundleSource source, Map<String, String> properties,
            Map<String, Map<String, Object>> configurations) throws IOException, BundleException {
        Map<String, String> props = new HashMap<>(properties);
        props.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FelixRuntime.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework fw = factory.newFramework(props);
        fw.init();
        FelixRuntime runtime = new FelixRuntime(fw);
        try {
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (BundleSource.Entry e : source.entries()) {
                try (InputStream in = e.open()) {
                    installed.add(ctx.installBundle(e.location(), in));
                }
            }
            fw.start();
            Map<String, Bundle> bySymbolicName = new LinkedHashMap<>();
            installed.stream().sorted(Comparator.comparing(Bundle::getSymbolicName))
                    .forEach(b -> bySymbolicName.put(b.getSymbolicName(), b));
            for (String bsn : FIRST) {
                Bundle b = bySymbolicName.remove(bsn);
                if (b != null) {
                    b.start();
                }
            }
            runtime.seedConfigurations(configurations);
            List<String> failures = new ArrayList<>();
            for (Bundle b : bySymbolicName.values()) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                    continue;
                }
                try {
                    b.start();
                } catch (BundleException ex) {
                    failures.add(b.getSymbolicName() + ": " + ex.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new BundleException("bundles failed to start:\n  " + String.join("\n  ", failures));
            }
            return runtime;
        } catch (IOException | BundleException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    public Framework framework() {
        return framework;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Writes configurations through ConfigAdmin. The launcher sits outside the framework and must not
     * share the {@code org.osgi.service.cm} package with it, so the calls go through the interfaces
     * as the ConfigAdmin bundle itself sees them.
     */
    private void seedConfigurations(Map<String, Map<String, Object>> configurations) {
        if (configurations.isEmpty()) {
            return;
        }
        BundleContext ctx = context();
        ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (ref == null) {
            throw new IllegalStateException("ConfigAdmin is not running; cannot configure " + configurations.keySet());
        }
        Object admin = ctx.getService(ref);
        try {
            Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Class<?> configType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Method get = adminType.getMethod("getConfiguration", String.class, String.class);
            Method update = configType.getMethod("update", Dictionary.class);
            for (Map.Entry<String, Map<String, Object>> c : configurations.entrySet()) {
                Object configuration = get.invoke(admin, c.getKey(), "?");
                update.invoke(configuration, new Hashtable<>(c.getValue()));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot write configurations through ConfigAdmin", e);
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
}
