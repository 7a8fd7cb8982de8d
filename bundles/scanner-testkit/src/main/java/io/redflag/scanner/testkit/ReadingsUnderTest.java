// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.SubsystemDescriptor;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A readings plug-in as {@link ReadingsConformance} exercises it: its descriptor, how its reader is made over a
 * {@link CommandRunner} (ignore the runner if the reader asks the JDK or a library instead), a capture of the tool
 * output its descriptor's {@code parseReadings} reads, and what the host's commands answer, if it runs any.
 */
public final class ReadingsUnderTest {

    final SubsystemDescriptor descriptor;
    Function<CommandRunner, ? extends HostReadings> reader;
    String output;
    Consumer<ScriptedRunner> script = r -> {};
    Map<String, String> configuration = Map.of();

    private ReadingsUnderTest(SubsystemDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /** The plug-in whose subsystem {@code descriptor} describes ({@code kind = METRICS}). */
    public static ReadingsUnderTest of(SubsystemDescriptor descriptor) {
        return new ReadingsUnderTest(descriptor);
    }

    /** How the reader is made over the platform's runner (the suite hands it a {@link ScriptedRunner}). */
    public ReadingsUnderTest reader(Function<CommandRunner, ? extends HostReadings> factory) {
        this.reader = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** A real capture of the output {@code parseReadings} reads (what {@code redflag-agent parse} is given). */
    public ReadingsUnderTest output(String capture) {
        this.output = capture;
        return this;
    }

    /** What the host's commands answer during a read, when the reader runs any. */
    public ReadingsUnderTest read(Consumer<ScriptedRunner> script) {
        this.script = Objects.requireNonNull(script, "script");
        return this;
    }

    /** What the operator set, over the descriptor's defaults. */
    public ReadingsUnderTest configuration(Map<String, String> configuration) {
        this.configuration = Map.copyOf(configuration);
        return this;
    }
}
