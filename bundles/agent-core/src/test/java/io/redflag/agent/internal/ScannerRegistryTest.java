// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.ResultStatus;
import io.redflag.scanner.HostReadings;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.SubsystemDescriptor;
import io.redflag.scanner.SubsystemKind;
import io.redflag.version.VersionOrderings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScannerRegistryTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScannerRegistry registry = new ScannerRegistry();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static final SubsystemDescriptor READINGS = new SubsystemDescriptor() {
        @Override
        public io.redflag.version.VersionOrdering versionOrdering() {
            return VersionOrderings.AGENT;
        }

        @Override
        public List<PackageUpdateDTO> parseScanOutput(String output) {
            return List.of();
        }
    };

    private static final HostReadings DISKS = ctx -> {
        PackageUpdateDTO root = new PackageUpdateDTO();
        root.id = "/";
        root.installedVersion = "71%";
        return ScanReportDTO.of(List.of(root));
    };

    private static Map<String, Object> described(long id, String eco, String[] os, SubsystemKind kind) {
        return Map.of("service.id", id, "subsystem.ecosystem", eco, "subsystem.displayName", eco + " readings",
                "subsystem.os", os, "subsystem.defaultIntervalSeconds", 900L, "subsystem.kind", kind.name());
    }

    @Test
    void whatASubsystemIsComesFromItsDescriptorsPropertiesAndDecidesWhereItsScannerRuns() {
        registry.addDescriptor(READINGS, described(1, "storage", new String[] {"linux", "windows"}, SubsystemKind.METRICS));
        registry.addReadings(DISKS, Map.of("service.id", 2L, "scanner.ecosystem", "storage"));
        registry.addDescriptor(READINGS, described(3, "winget", new String[] {"windows"}, SubsystemKind.UPDATES));
        registry.addReadings(DISKS, Map.of("service.id", 4L, "scanner.ecosystem", "winget"));

        assertThat(registry.subsystem("storage")).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(SubsystemKind.METRICS);
            assertThat(s.defaultIntervalSeconds()).isEqualTo(900);
            assertThat(s.displayName()).isEqualTo("storage readings");
        });
        assertThat(registry.applicable("linux")).extracting(ScannerRegistry.Handle::ecosystem).containsExactly("storage");
        assertThat(registry.applicable("windows")).extracting(ScannerRegistry.Handle::ecosystem).containsExactly("storage", "winget");
        assertThat(registry.failed()).isEmpty();

        // the descriptor's bundle is being replaced: its scanner stays but no longer runs anywhere
        registry.removeDescriptor(READINGS, described(1, "storage", new String[] {"linux"}, SubsystemKind.METRICS));
        assertThat(registry.applicable("linux")).isEmpty();
        assertThat(registry.failed()).singleElement().satisfies(f -> {
            assertThat(f.ecosystem).isEqualTo("storage");
            assertThat(f.reason).contains("no descriptor describes storage");
        });
    }

    @Test
    void aPlugInThatDoesNotSayWhatItIsIsReportedNotSkipped() {
        registry.addReadings(DISKS, Map.of("service.id", 7L, "component.name", "com.acme.Disks"));
        registry.addDescriptor(READINGS, Map.of("service.id", 8L, "component.name", "com.acme.DisksDescriptor"));
        assertThat(registry.failed()).extracting(f -> f.component + ": " + f.reason).containsExactlyInAnyOrder(
                "com.acme.Disks: registered without scanner.ecosystem (annotate the component with @ScannerType)",
                "com.acme.DisksDescriptor: descriptor registered without subsystem.ecosystem (annotate the component with @SubsystemType)");
        registry.removeReadings(DISKS, Map.of("service.id", 7L));
        assertThat(registry.failed()).hasSize(1);
    }

    @Test
    void readingsAreScannedButNeverDryRunOrInstalled() {
        registry.addDescriptor(READINGS, described(1, "storage", new String[] {"linux"}, SubsystemKind.METRICS));
        registry.addReadings(DISKS, Map.of("service.id", 2L, "scanner.ecosystem", "storage"));
        CommandExecutor executor = new CommandExecutor(registry, pool);
        CommandResultDTO scan = executor.execute(CommandExecutorTest.command("scan", "{\"ecosystem\":\"storage\"}"));
        assertThat(scan.status).isEqualTo(ResultStatus.COMPLETED);
        assertThat(scan.scan.updates).extracting(u -> u.installedVersion).containsExactly("71%");
        CommandResultDTO dry = executor.execute(CommandExecutorTest.command("dry-run", "{\"ecosystem\":\"storage\",\"packages\":[\"/\"]}"));
        assertThat(dry.status).isEqualTo(ResultStatus.FAILED);
        assertThat(dry.message).contains("nothing to dry-run or install");
    }
}
