// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.PackageScanner;
import io.redflag.scanner.SubsystemDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What {@link ScannerConformance} needs to know of a plug-in: its descriptor, how to make its scanner over a runner,
 * real output of its tool and how to script a runner for a scan and for dry runs, and sample versions of its
 * ecosystem. Built fluently:
 *
 * <pre>{@code
 * PluginUnderTest.of(new SnapDescriptor())
 *     .scanner(SnapScanner::new)
 *     .scanOutput(Fixtures.text("snap/refresh-list.txt"))
 *     .scan(runner -> runner.answer("snap refresh --list", Fixtures.text("snap/refresh-list.txt")))
 *     .dryRun(List.of("core22"), runner -> runner.answer("snap refresh --dry-run", ...),
 *             runner -> runner.answer("snap refresh --dry-run", ...another transaction...), "snap refresh")
 *     .versions("1.0", "1.0.1", "2.0");
 * }</pre>
 */
public final class PluginUnderTest {

    final SubsystemDescriptor descriptor;
    Function<CommandRunner, ? extends PackageScanner> scanner;
    String scanOutput;
    String dryRunOutput;
    Consumer<ScriptedRunner> scanScript;
    List<String> dryRunPackages = List.of();
    Consumer<ScriptedRunner> dryRunScript;
    Consumer<ScriptedRunner> changedDryRunScript;
    String installCommand;
    final List<String> versions = new ArrayList<>();
    Map<String, String> configuration = Map.of();

    private PluginUnderTest(SubsystemDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    public static PluginUnderTest of(SubsystemDescriptor descriptor) {
        return new PluginUnderTest(descriptor);
    }

    /** How the scanner is made over a runner (its constructor taking the {@code CommandRunner}). */
    public PluginUnderTest scanner(Function<CommandRunner, ? extends PackageScanner> factory) {
        this.scanner = factory;
        return this;
    }

    /** Real output the descriptor's {@code parseScanOutput} reads (a capture: the suite cuts, shuffles and grows it). */
    public PluginUnderTest scanOutput(String output) {
        this.scanOutput = output;
        return this;
    }

    /** Real output the descriptor's {@code parseDryRunOutput} reads, when the plug-in has dry runs. */
    public PluginUnderTest dryRunOutput(String output) {
        this.dryRunOutput = output;
        return this;
    }

    /** Scripts a runner so that a scan succeeds and finds at least one update. */
    public PluginUnderTest scan(Consumer<ScriptedRunner> script) {
        this.scanScript = script;
        return this;
    }

    /**
     * Dry runs of {@code packages}: {@code script} gives one transaction, {@code changed} another (the host moved on
     * between the operator's approval and the install); {@code installCommand} is the prefix of the command an install
     * runs, which must never run when the plan changed.
     */
    public PluginUnderTest dryRun(List<String> packages, Consumer<ScriptedRunner> script, Consumer<ScriptedRunner> changed,
            String installCommand) {
        this.dryRunPackages = List.copyOf(packages);
        this.dryRunScript = script;
        this.changedDryRunScript = changed;
        this.installCommand = installCommand;
        return this;
    }

    /** Versions of the ecosystem, as its tools print them (the suite adds those in the scan output). */
    public PluginUnderTest versions(String... samples) {
        versions.addAll(List.of(samples));
        return this;
    }

    /** The subsystem configuration scans run with (the descriptor's defaults are merged under it). */
    public PluginUnderTest configuration(Map<String, String> configuration) {
        this.configuration = Map.copyOf(configuration);
        return this;
    }
}
