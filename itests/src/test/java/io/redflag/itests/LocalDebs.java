// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Debian package on this machine for a test to upgrade through APT: version 1.0 installed with dpkg, 1.1 in a
 * local, trusted repository (a {@code file:} source of its own, read with {@code apt-get update} of that source alone).
 * {@link #close()} purges the package and removes the source and its lists. Needs root, as the agent does to install.
 */
final class LocalDebs implements AutoCloseable {

    static final String PACKAGE = "redflag-console-demo";
    private static final Path SOURCE = Path.of("/etc/apt/sources.list.d/redflag-console-itest.list");

    private final Path repo;

    private LocalDebs(Path repo) {
        this.repo = repo;
    }

    /** 1.0 installed, 1.1 offered. */
    static LocalDebs installedWithUpgrade() throws Exception {
        assertThat(run("id", "-u").trim()).as("the APT install test runs as root (as the agent does to install)")
                .isEqualTo("0");
        // readable by APT's unprivileged _apt user, which fetches even file: sources
        Path work = Files.createTempDirectory("redflag-console-repo",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path old = deb(work, "1.0");
        Path repo = Files.createDirectories(work.resolve("repo"));
        Path next = deb(work, "1.1");
        Files.move(next, repo.resolve(next.getFileName()));
        Files.writeString(repo.resolve("Packages"), stanza(repo.resolve(next.getFileName()), "1.1"));
        LocalDebs debs = new LocalDebs(repo);
        run("dpkg", "-i", old.toString());
        Files.writeString(SOURCE, "deb [trusted=yes] file:" + repo + " ./\n");
        run("apt-get", "update", "-o", "Dir::Etc::SourceList=" + SOURCE, "-o", "Dir::Etc::SourceParts=-",
                "-o", "APT::Get::List-Cleanup=0");
        assertThat(installedVersion()).isEqualTo("1.0");
        return debs;
    }

    static String installedVersion() throws Exception {
        return run("dpkg-query", "-W", "-f=${Version}", PACKAGE).trim();
    }

    private static Path deb(Path work, String version) throws Exception {
        Path root = work.resolve("pkg-" + version);
        Files.createDirectories(root.resolve("DEBIAN"));
        Path doc = Files.createDirectories(root.resolve("usr/share/doc/" + PACKAGE));
        Files.writeString(doc.resolve("VERSION"), version + "\n");
        Files.writeString(root.resolve("DEBIAN/control"), """
                Package: %s
                Version: %s
                Architecture: all
                Maintainer: RedFlag tests <tests@redflag.invalid>
                Priority: optional
                Section: misc
                Description: a package the console's browser test upgrades
                 Built by LocalDebs; purged when the test ends.
                """.formatted(PACKAGE, version));
        Path out = work.resolve(PACKAGE + "_" + version + "_all.deb");
        run("dpkg-deb", "--root-owner-group", "--build", root.toString(), out.toString());
        return out;
    }

    private static String stanza(Path deb, String version) throws Exception {
        byte[] bytes = Files.readAllBytes(deb);
        return """
                Package: %s
                Version: %s
                Architecture: all
                Maintainer: RedFlag tests <tests@redflag.invalid>
                Priority: optional
                Section: misc
                Filename: ./%s
                Size: %d
                SHA256: %s
                Description: a package the console's browser test upgrades

                """.formatted(PACKAGE, version, deb.getFileName(), bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        try {
            run("dpkg", "--purge", PACKAGE);
        } catch (Exception | AssertionError e) {
            failures.add(new Exception(e));
        }
        Files.deleteIfExists(SOURCE);
        try (Stream<Path> lists = Files.list(Path.of("/var/lib/apt/lists"))) {
            for (Path f : (Iterable<Path>) lists.filter(f -> f.getFileName().toString().contains("redflag-console-repo"))::iterator) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
