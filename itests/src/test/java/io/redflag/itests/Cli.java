// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The product's runnable jars run as a user runs them: {@code java -jar redflag-….jar …}, exit code and output. */
final class Cli {

    record Run(int exit, String out, String err) {}

    private Cli() {}

    /** Runs the jar named by the system property {@code jarProperty} ({@code redflag.agent.jar}, {@code redflag.server.jar}). */
    static Run run(String jarProperty, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty(jarProperty)));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(new File("/dev/null")).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(jarProperty + " " + String.join(" ", args) + " finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
