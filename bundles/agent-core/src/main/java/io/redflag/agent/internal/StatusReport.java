// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.BundleInventoryDTO;
import io.redflag.protocol.ScannerBreakerDTO;
import io.redflag.scanner.runtime.FailedScannerDTO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the running agent last knew of itself, written to {@code status.json} in its data folder after every round of
 * its loop, for {@code redflag-agent status} (which reads it without disturbing the running agent). No secret in it.
 */
public final class StatusReport {

    static final String FILE = "status.json";

    public String agentVersion;
    public String serverUrl;
    public String agentId;
    public String serverKeyId;
    public String machineKey;
    /** When the agent core started, its first check-in since was accepted, the last round ended, and a check-in last succeeded (ISO-8601 UTC). */
    public String startedAt;
    public String firstCheckInAt;
    public String lastAttemptAt;
    public String lastCheckInAt;
    /** What went wrong in the last round; null when it succeeded. */
    public String lastProblem;
    /** Whether that problem needs a person (the agent then retries only every few minutes). */
    public boolean problemNeedsOperator;
    public String nextCheckInAt;
    public String heartbeatUntil;
    public List<String> accepts = new ArrayList<>();
    public List<String> scanners = new ArrayList<>();
    public List<FailedScannerDTO> failedScanners = new ArrayList<>();
    public List<ScannerBreakerDTO> breakers = new ArrayList<>();
    public List<BundleInventoryDTO> bundles = new ArrayList<>();
    public int pendingResults;
    public int quarantinedResults;
    public String appliedDesiredState;
    public String platform;
    /** The bootstrap's history of core updates, newest first. */
    public List<io.redflag.protocol.CoreUpdateDTO> coreUpdates = new ArrayList<>();

    void save(Path dataDir) throws IOException {
        JsonFiles.write(dataDir.resolve(FILE), this);
    }

    /** The report in {@code dataDir}, or null when the agent never ran there. */
    static StatusReport load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        return Files.exists(f) ? JsonFiles.read(f, StatusReport.class) : null;
    }
}
