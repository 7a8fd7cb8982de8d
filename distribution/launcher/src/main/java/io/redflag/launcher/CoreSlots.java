// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Which agent core runs, kept in {@code <data>/core} and owned by the bootstrap: the launcher of the jar the service
 * manager starts, which changes only when the package is upgraded. A running core never changes this state; it only
 * drops two files the bootstrap reads at its next start:
 * <ul>
 * <li>{@code staged.properties} — a release it downloaded and verified ({@code version}, {@code jar} relative to this
 * folder, {@code sha256}, {@code command}, {@code from}); then it stops, and the process exits with {@link #RESTART}.
 * <li>{@code healthy} — its version, once the server accepted a check-in from it.
 * </ul>
 * At start the bootstrap takes a staged release as a <em>trial</em> and starts it once; the trial becomes the current
 * core when it writes {@code healthy} within the deadline. A trial that does not (it hangs, crashes, is killed, or cannot
 * reach the server) is rolled back: the next start runs the previous core again. Every outcome goes to the history
 * ({@code history.N = version|from|outcome|at|command|reason}, newest first) that the core reports at check-in. The state
 * file is replaced atomically (written aside, forced to disk, renamed), so a kill at any moment leaves the old state or
 * the new one.
 */
final class CoreSlots {

    /** The exit code with which the agent asks its service manager to start it again (EX_TEMPFAIL). */
    static final int RESTART = 75;
    static final String STATE = "core-state.properties";
    static final String STAGED = "staged.properties";
    static final String HEALTHY = "healthy";
    /** How long a new core has to check in, unless {@code -Dredflag.core.health.seconds} says otherwise. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
    static final int HISTORY = 20;
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The core to run: a jar, its version, and whether it is on trial (with the deadline to prove itself). */
    record Selection(Path jar, String version, boolean trial, Duration deadline, List<String> notes) {}

    private final Path dir;
    private final Path installedJar;
    private final String installedVersion;

    /**
     * @param dir              {@code <data>/core}
     * @param installedJar     the jar the service manager starts (the bootstrap's own), the core of last resort
     * @param installedVersion its version
     */
    CoreSlots(Path dir, Path installedJar, String installedVersion) {
        this.dir = dir;
        this.installedJar = installedJar;
        this.installedVersion = installedVersion;
    }

    /**
     * Decides what runs now: a staged release becomes a trial; a trial that already had its start (and did not prove
     * healthy) is rolled back; a current core whose jar is missing or damaged gives way to the installed one.
     */
    synchronized Selection select(Instant now, Duration deadline) throws IOException {
        Files.createDirectories(dir);
        Properties s = load();
        List<String> notes = new ArrayList<>();
        boolean changed = false;
        if (s.getProperty("trial.version") != null) {
            String v = s.getProperty("trial.version");
            if (v.equals(healthyVersion())) {
                promote(s, now);
                notes.add("core " + v + " proved healthy before the restart: it is the current core");
            } else {
                rollBack(s, now, "it did not check in within " + s.getProperty("trial.deadline", "?") + " s of its start "
                        + "(it stopped, crashed or was killed first)");
                notes.add("core " + v + " never proved healthy: rolled back to " + currentVersion(s));
            }
            changed = true;
        }
        Path stagedFile = dir.resolve(STAGED);
        if (Files.exists(stagedFile)) {
            Properties staged = new Properties();
            try (InputStream in = Files.newInputStream(stagedFile)) {
                staged.load(in);
            } catch (IllegalArgumentException e) {
                staged.clear();
            }
            String problem = checkStaged(staged, s);
            if (problem == null) {
                String v = staged.getProperty("version");
                s.setProperty("trial.version", v);
                s.setProperty("trial.jar", staged.getProperty("jar"));
                s.setProperty("trial.sha256", staged.getProperty("sha256"));
                s.setProperty("trial.from", currentVersion(s));
                s.setProperty("trial.deadline", String.valueOf(deadline.toSeconds()));
                copy(staged, s, "command", "trial.command");
                notes.add("trying core " + v + " (must check in within " + deadline.toSeconds() + " s)");
            } else {
                record(s, staged.getProperty("version", "0"), currentVersion(s), "refused", now,
                        staged.getProperty("command"), problem);
                notes.add("staged core refused: " + problem);
            }
            changed = true;
        }
        Selection selection;
        if (s.getProperty("trial.version") != null) {
            selection = new Selection(dir.resolve(s.getProperty("trial.jar")), s.getProperty("trial.version"), true, deadline,
                    notes);
        } else {
            selection = current(s, notes);
        }
        if (changed || !notes.isEmpty()) {
            save(s);
        }
        // the staged request is consumed only once the state that took it is on disk
        Files.deleteIfExists(stagedFile);
        if (selection.trial()) {
            Files.deleteIfExists(dir.resolve(HEALTHY));
        }
        return selection;
    }

    /** The trial proved healthy: it is the current core now, the one before it the previous (the backup). */
    synchronized boolean promoteIfHealthy(Instant now) throws IOException {
        Properties s = load();
        String v = s.getProperty("trial.version");
        if (v == null || !v.equals(healthyVersion())) {
            return false;
        }
        promote(s, now);
        save(s);
        return true;
    }

    /** The trial did not prove healthy in time: the previous core runs at the next start. */
    synchronized void rollBackTrial(Instant now, String reason) throws IOException {
        Properties s = load();
        if (s.getProperty("trial.version") != null) {
            rollBack(s, now, reason);
            save(s);
        }
    }

    /** The history lines, newest first. */
    synchronized List<String> history() throws IOException {
        Properties s = load();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < HISTORY && s.getProperty("history." + i) != null; i++) {
            out.add(s.getProperty("history." + i));
        }
        return out;
    }

    private Selection current(Properties s, List<String> notes) throws IOException {
        String v = s.getProperty("current.version");
        if (v == null) {
            return new Selection(installedJar, installedVersion, false, Duration.ZERO, notes);
        }
        Path jar = dir.resolve(s.getProperty("current.jar", ""));
        if (!Files.isRegularFile(jar) || !s.getProperty("current.sha256", "").equals(sha256(jar))) {
            notes.add("core " + v + " at " + jar + " is missing or damaged; running the installed core " + installedVersion);
            s.remove("current.version");
            s.remove("current.jar");
            s.remove("current.sha256");
            return new Selection(installedJar, installedVersion, false, Duration.ZERO, notes);
        }
        return new Selection(jar, v, false, Duration.ZERO, notes);
    }

    /** Null when the staged release can be tried; else why not. */
    private String checkStaged(Properties staged, Properties s) throws IOException {
        String v = staged.getProperty("version");
        String jar = staged.getProperty("jar");
        if (v == null || !VERSION.matcher(v).matches() || jar == null || staged.getProperty("sha256") == null
                || !SHA256.matcher(staged.getProperty("sha256")).matches()) {
            return "the staging record is incomplete";
        }
        Path file = dir.resolve(jar).normalize();
        if (!file.startsWith(dir.resolve("versions")) || !Files.isRegularFile(file)) {
            return "its jar " + jar + " is not in " + dir.resolve("versions");
        }
        if (!staged.getProperty("sha256").equals(sha256(file))) {
            return "its jar does not have the SHA-256 that was verified when it was staged";
        }
        if (v.equals(currentVersion(s))) {
            return "it is the version already running";
        }
        return null;
    }

    private void promote(Properties s, Instant now) throws IOException {
        String oldPrevious = s.getProperty("previous.jar");
        copy(s, s, "current.version", "previous.version");
        copy(s, s, "current.jar", "previous.jar");
        copy(s, s, "current.sha256", "previous.sha256");
        String v = s.getProperty("trial.version");
        s.setProperty("current.version", v);
        s.setProperty("current.jar", s.getProperty("trial.jar"));
        s.setProperty("current.sha256", s.getProperty("trial.sha256"));
        record(s, v, s.getProperty("trial.from"), "installed", now, s.getProperty("trial.command"), null);
        clearTrial(s);
        // the backup is one core: the one before the previous goes
        if (oldPrevious != null && !oldPrevious.equals(s.getProperty("previous.jar"))
                && !oldPrevious.equals(s.getProperty("current.jar"))) {
            deleteVersion(dir.resolve(oldPrevious));
        }
    }

    private void rollBack(Properties s, Instant now, String reason) throws IOException {
        String jar = s.getProperty("trial.jar");
        record(s, s.getProperty("trial.version"), s.getProperty("trial.from"), "rolled-back", now,
                s.getProperty("trial.command"), reason);
        clearTrial(s);
        if (jar != null && !jar.equals(s.getProperty("current.jar")) && !jar.equals(s.getProperty("previous.jar"))) {
            deleteVersion(dir.resolve(jar));
        }
    }

    private void deleteVersion(Path jar) throws IOException {
        Path versionDir = jar.getParent();
        Files.deleteIfExists(jar);
        if (versionDir != null && versionDir.startsWith(dir.resolve("versions"))) {
            try (var left = Files.list(versionDir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(versionDir);
                }
            }
        }
    }

    private static void clearTrial(Properties s) {
        s.stringPropertyNames().stream().filter(k -> k.startsWith("trial.")).forEach(s::remove);
    }

    private String currentVersion(Properties s) {
        return s.getProperty("current.version", installedVersion);
    }

    private static void record(Properties s, String version, String from, String outcome, Instant at, String command,
            String reason) {
        for (int i = HISTORY - 1; i > 0; i--) {
            copy(s, s, "history." + (i - 1), "history." + i);
        }
        s.setProperty("history.0", String.join("|", version, from == null ? "" : from, outcome,
                at.truncatedTo(ChronoUnit.SECONDS).toString(), command == null ? "" : command,
                reason == null ? "" : reason.replace('|', '/').replace('\n', ' ')));
    }

    private static void copy(Properties from, Properties to, String key, String as) {
        String v = from.getProperty(key);
        if (v == null) {
            to.remove(as);
        } else {
            to.setProperty(as, v);
        }
    }

    private String healthyVersion() throws IOException {
        Path f = dir.resolve(HEALTHY);
        return Files.exists(f) ? Files.readString(f).trim() : null;
    }

    private Properties load() throws IOException {
        Properties p = new Properties();
        Path f = dir.resolve(STATE);
        if (Files.exists(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IllegalArgumentException e) {
                throw new IOException(f + " is damaged: " + e.getMessage());
            }
        }
        return p;
    }

    /** Written aside, forced to disk, then renamed over the old state: a kill leaves one or the other, never half. */
    private void save(Properties s) throws IOException {
        Path tmp = dir.resolve(STATE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            s.store(out, "the agent core's slots; owned by the bootstrap (see CoreSlots)");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(Path file) throws IOException {
        return Digests.sha256(file);
    }
}
