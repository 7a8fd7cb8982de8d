// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code redflag-agent run} does first: the launcher of the jar the service manager starts picks the agent core to
 * run ({@link CoreSlots}), runs it in this process (its own jar, or a newer core's jar through a class loader of its
 * own), watches a new core's health, and ends the process with {@link CoreSlots#RESTART} when the core staged a new
 * release or a trial failed, so that the service manager starts it again. It is the small part that does not change
 * when the core does: a core that cannot start, hangs, or never reaches the server is rolled back by it.
 */
final class Bootstrap {

    /** Framework property: set when a bootstrap runs the core, so it may stage new releases of itself. */
    static final String BOOTSTRAP = "redflag.core.bootstrap";
    /** Framework property: the version of the core on trial (it writes {@code healthy} after its first accepted check-in). */
    static final String TRIAL = "redflag.core.trial";

    private final Path dataDir;
    private final String[] argv;

    Bootstrap(Path dataDir, String[] argv) {
        this.dataDir = dataDir;
        this.argv = argv;
    }

    int run() {
        Path self = ownJar();
        if (self == null) { // run from classes (tests, an IDE): there is no jar to switch from
            return AgentMain.runCore(argv, Map.of());
        }
        CoreSlots slots = new CoreSlots(dataDir.resolve("core"), self, Versions.product());
        CoreSlots.Selection selection;
        try {
            selection = slots.select(Instant.now(), deadline());
        } catch (IOException e) {
            say("cannot read the core state in " + dataDir.resolve("core") + " (" + e.getMessage()
                    + "); running the installed core");
            return AgentMain.runCore(argv, Map.of(BOOTSTRAP, "false"));
        }
        selection.notes().forEach(Bootstrap::say);
        Map<String, String> props = new HashMap<>();
        props.put(BOOTSTRAP, "true");
        if (selection.trial()) {
            props.put(TRIAL, selection.version());
            watch(slots, selection);
        }
        int code;
        if (selection.jar().equals(self)) {
            code = AgentMain.runCore(argv, props);
        } else {
            try {
                code = runOther(selection.jar(), props);
            } catch (IOException | ReflectiveOperationException e) {
                Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
                if (selection.trial()) {
                    rollBack(slots, "it could not start: " + cause);
                    return CoreSlots.RESTART;
                }
                say("core " + selection.version() + " could not start (" + cause + "); running the installed core");
                code = AgentMain.runCore(argv, props);
            }
        }
        if (Files.exists(dataDir.resolve("core").resolve(CoreSlots.STAGED))) {
            say("a new core is staged: restarting (exit " + CoreSlots.RESTART + ")");
            return CoreSlots.RESTART;
        }
        return code;
    }

    /** Runs another jar's core in this process, through a class loader of its own (its launcher, Felix, its bundles). */
    private int runOther(Path jar, Map<String, String> props) throws IOException, ReflectiveOperationException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Method core = loader.loadClass(AgentMain.class.getName()).getMethod("runCore", String[].class, Map.class);
        // the loader stays open: the core's framework loads classes from it until the process ends
        return (Integer) core.invoke(null, argv, props);
    }

    /**
     * The trial must write {@code healthy} before the deadline; then it is the current core. Otherwise it is rolled back
     * and the process ends, so that the service manager starts the previous core.
     */
    private void watch(CoreSlots slots, CoreSlots.Selection trial) {
        Thread t = new Thread(() -> {
            Instant until = Instant.now().plus(trial.deadline());
            try {
                while (Instant.now().isBefore(until)) {
                    if (slots.promoteIfHealthy(Instant.now())) {
                        say("core " + trial.version() + " checked in: it is the current core now");
                        return;
                    }
                    Thread.sleep(500);
                }
                rollBack(slots, "it did not check in within " + trial.deadline().toSeconds() + " s");
            } catch (IOException e) {
                rollBack(slots, "its health could not be recorded: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            // a hung core may not stop cleanly: the process ends either way
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    // ending anyway
                }
                Runtime.getRuntime().halt(CoreSlots.RESTART);
            }, "redflag-core-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(CoreSlots.RESTART);
        }, "redflag-core-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static void rollBack(CoreSlots slots, String reason) {
        try {
            slots.rollBackTrial(Instant.now(), reason);
            say("the new core failed: " + reason + "; rolled back, restarting (exit " + CoreSlots.RESTART + ")");
        } catch (IOException e) {
            say("the new core failed (" + reason + ") and the rollback could not be recorded: " + e.getMessage());
        }
    }

    static Duration deadline() {
        String s = System.getProperty("redflag.core.health.seconds");
        if (s != null && s.matches("[1-9][0-9]{0,4}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        return CoreSlots.DEFAULT_DEADLINE;
    }

    /** The jar this launcher was loaded from; null when it was not loaded from a jar. */
    static Path ownJar() {
        try {
            var source = Bootstrap.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static void say(String what) {
        System.out.println(java.time.Instant.now() + " [bootstrap] " + what);
    }
}
