// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.PackageChangeDTO;
import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ReadingDTO;
import io.redflag.scanner.runtime.FailedScannerDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a message must keep beyond its shape: required fields, lengths, list sizes, identifiers.
 * Each check either returns (normalising absent lists to empty ones) or throws
 * {@link InvalidMessageException} naming the field. Readers check what they receive; writers may
 * check what they send.
 */
public final class MessageRules {

    /** Most updates one scan may report. */
    public static final int MAX_UPDATES = 50_000;
    /** Most bundles an agent may report. */
    public static final int MAX_BUNDLES = 500;
    /** Most scanners an agent may declare. */
    public static final int MAX_SCANNERS = 100;
    /** Most tags one agent carries. */
    public static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    /** Most core updates an agent reports. */
    public static final int MAX_CORE_HISTORY = 20;
    /** Most agents one core-update order may name. */
    public static final int MAX_CORE_UPDATE_AGENTS = 50;
    /** A core platform: OS and architecture ({@code linux-amd64}, {@code windows-amd64}). */
    public static final Pattern PLATFORM = Pattern.compile("[a-z0-9]{1,20}-[a-z0-9_]{1,20}");
    /** Most file systems a host may report. */
    public static final int MAX_DISKS = 64;
    /** Most packages one dry run or install may name. */
    public static final int MAX_PACKAGES = 500;
    /** Longest package id, name, source or advisory id (the inventory's keys must stay indexable). */
    public static final int MAX_ID = 512;
    /** Longest version string. */
    public static final int MAX_VERSION = 256;
    /** Longest architecture or CVE id. */
    public static final int MAX_SHORT = 64;
    /** Longest message or note for people. */
    public static final int MAX_MESSAGE = 4000;
    /** Most entries of a list of notes, advisories or CVEs. */
    public static final int MAX_LIST = 1000;
    private static final Pattern ECOSYSTEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PLAN_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,63}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MessageRules() {}

    /** A body must be present. */
    public static <T> T body(T body) {
        if (body == null) {
            throw new InvalidMessageException(null, "a JSON body is required");
        }
        return body;
    }

    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field, "is required");
        }
        return optional(value, field, max);
    }

    public static String optional(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidMessageException(field, "is longer than " + max + " characters");
        }
        return value;
    }

    /** An ecosystem id: lower-case letters, digits and '-', at most 40. */
    public static String ecosystem(String eco, String field) {
        if (eco == null || !ECOSYSTEM.matcher(eco).matches()) {
            throw new InvalidMessageException(field, "must be lower-case letters, digits and '-', not '" + eco + "'");
        }
        return eco;
    }

    /** A product version: letters, digits, '.', '-', '+', at most 64 (what /info shows to anyone). */
    public static String version(String value, String field, boolean required) {
        if (value == null && !required) {
            return null;
        }
        if (value == null || !VERSION.matcher(value).matches()) {
            throw new InvalidMessageException(field, "must be a version (letters, digits, '.', '-', '+'; at most 64)");
        }
        return value;
    }

    /** A UUID in its usual text form. */
    public static String uuid(String value, String field) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new InvalidMessageException(field, "'" + value + "' is not a UUID");
        }
        return value;
    }

    private static List<String> scanners(List<String> scanners) {
        List<String> list = scanners == null ? new ArrayList<>() : scanners;
        if (list.size() > MAX_SCANNERS) {
            throw new InvalidMessageException("scanners", "lists more than " + MAX_SCANNERS + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            ecosystem(list.get(i), "scanners[" + i + "]");
        }
        return list;
    }

    public static RegisterRequestDTO check(RegisterRequestDTO r) {
        body(r);
        required(r.registrationToken, "registrationToken", 200);
        required(r.machineId, "machineId", 200);
        required(r.hostname, "hostname", 255);
        required(r.osFamily, "osFamily", 40);
        version(r.agentVersion, "agentVersion", true);
        optional(r.osVersion, "osVersion", 200);
        optional(r.architecture, "architecture", 40);
        r.scanners = scanners(r.scanners);
        return r;
    }

    public static RefreshRequestDTO check(RefreshRequestDTO r) {
        body(r);
        required(r.refreshToken, "refreshToken", 200);
        return r;
    }

    public static CheckInRequestDTO check(CheckInRequestDTO r) {
        CheckInRequestDTO req = r == null ? new CheckInRequestDTO() : r;
        version(req.agentVersion, "agentVersion", false);
        req.scanners = scanners(req.scanners);
        req.failedScanners = req.failedScanners == null ? new ArrayList<>() : req.failedScanners;
        if (req.quarantinedResults < 0 || req.quarantinedResults > 1_000_000) {
            throw new InvalidMessageException("quarantinedResults", "must be between 0 and 1000000");
        }
        if (req.failedScanners.size() > MAX_SCANNERS) {
            throw new InvalidMessageException("failedScanners", "lists more than " + MAX_SCANNERS + " entries");
        }
        for (int i = 0; i < req.failedScanners.size(); i++) {
            FailedScannerDTO f = req.failedScanners.get(i);
            if (f == null) {
                throw new InvalidMessageException("failedScanners[" + i + "]", "is null");
            }
            optional(f.ecosystem, "failedScanners[" + i + "].ecosystem", 40);
            optional(f.component, "failedScanners[" + i + "].component", 300);
            optional(f.bundle, "failedScanners[" + i + "].bundle", 300);
            optional(f.reason, "failedScanners[" + i + "].reason", 2000);
        }
        if (req.bundles != null) {
            if (req.bundles.size() > MAX_BUNDLES) {
                throw new InvalidMessageException("bundles", "lists more than " + MAX_BUNDLES + " entries");
            }
            for (int i = 0; i < req.bundles.size(); i++) {
                BundleInventoryDTO b = req.bundles.get(i);
                if (b == null) {
                    throw new InvalidMessageException("bundles[" + i + "]", "is null");
                }
                required(b.symbolicName, "bundles[" + i + "].symbolicName", 255);
                required(b.version, "bundles[" + i + "].version", MAX_SHORT);
                if (b.sha256 != null && !PLAN_HASH.matcher(b.sha256).matches()) {
                    throw new InvalidMessageException("bundles[" + i + "].sha256", "must be 64 lower-case hex digits");
                }
                optional(b.failure, "bundles[" + i + "].failure", 2000);
            }
        }
        optional(req.appliedDesiredState, "appliedDesiredState", MAX_SHORT);
        if (req.accepts != null) {
            if (req.accepts.size() > 20 || req.accepts.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidMessageException("accepts", "must list at most 20 actions, none null");
            }
        }
        if (req.breakers != null) {
            if (req.breakers.size() > MAX_SCANNERS) {
                throw new InvalidMessageException("breakers", "lists more than " + MAX_SCANNERS + " entries");
            }
            for (int i = 0; i < req.breakers.size(); i++) {
                ScannerBreakerDTO b = req.breakers.get(i);
                if (b == null) {
                    throw new InvalidMessageException("breakers[" + i + "]", "is null");
                }
                ecosystem(b.ecosystem, "breakers[" + i + "].ecosystem");
                optional(b.lastFailure, "breakers[" + i + "].lastFailure", 2000);
                optional(b.retryAt, "breakers[" + i + "].retryAt", MAX_SHORT);
                if (b.failures < 0) {
                    throw new InvalidMessageException("breakers[" + i + "].failures", "must not be negative");
                }
            }
        }
        if (req.platform != null && !PLATFORM.matcher(req.platform).matches()) {
            throw new InvalidMessageException("platform", "must be os-architecture, e.g. linux-amd64");
        }
        if (req.coreUpdates != null) {
            if (req.coreUpdates.size() > MAX_CORE_HISTORY) {
                throw new InvalidMessageException("coreUpdates", "lists more than " + MAX_CORE_HISTORY + " entries");
            }
            for (int i = 0; i < req.coreUpdates.size(); i++) {
                CoreUpdateDTO u = req.coreUpdates.get(i);
                if (u == null) {
                    throw new InvalidMessageException("coreUpdates[" + i + "]", "is null");
                }
                version(u.version, "coreUpdates[" + i + "].version", true);
                version(u.from, "coreUpdates[" + i + "].from", false);
                optional(u.at, "coreUpdates[" + i + "].at", MAX_SHORT);
                optional(u.commandId, "coreUpdates[" + i + "].commandId", MAX_SHORT);
                optional(u.reason, "coreUpdates[" + i + "].reason", 2000);
            }
        }
        if (req.host != null) {
            HostMetricsDTO h = req.host;
            optional(h.takenAt, "host.takenAt", MAX_SHORT);
            optional(h.rebootReason, "host.rebootReason", 2000);
            if (h.disks == null) {
                h.disks = new ArrayList<>();
            }
            if (h.disks.size() > MAX_DISKS) {
                throw new InvalidMessageException("host.disks", "lists more than " + MAX_DISKS + " file systems");
            }
            for (int i = 0; i < h.disks.size(); i++) {
                DiskUsageDTO d = h.disks.get(i);
                if (d == null) {
                    throw new InvalidMessageException("host.disks[" + i + "]", "is null");
                }
                required(d.mount, "host.disks[" + i + "].mount", 1000);
                optional(d.type, "host.disks[" + i + "].type", 100);
            }
            if (Double.isNaN(h.cpuLoad) || Double.isNaN(h.loadAverage1m) || Double.isInfinite(h.cpuLoad)
                    || Double.isInfinite(h.loadAverage1m)) {
                throw new InvalidMessageException("host.cpuLoad", "must be a finite number");
            }
        }
        return req;
    }

    public static CoreUpdateRequestDTO check(CoreUpdateRequestDTO r) {
        body(r);
        if (r.agentIds == null || r.agentIds.isEmpty()) {
            throw new InvalidMessageException("agentIds", "must name at least one agent");
        }
        if (r.agentIds.size() > MAX_CORE_UPDATE_AGENTS) {
            throw new InvalidMessageException("agentIds", "names " + r.agentIds.size() + " agents; at most "
                    + MAX_CORE_UPDATE_AGENTS + " per call");
        }
        for (int i = 0; i < r.agentIds.size(); i++) {
            uuid(r.agentIds.get(i), "agentIds[" + i + "]");
        }
        if (r.agentIds.stream().distinct().count() != r.agentIds.size()) {
            throw new InvalidMessageException("agentIds", "names an agent twice");
        }
        version(r.version, "version", false);
        return r;
    }

    public static AgentTagsDTO check(AgentTagsDTO r) {
        body(r);
        if (r.tags == null) {
            r.tags = new ArrayList<>();
        }
        if (r.tags.size() > MAX_TAGS) {
            throw new InvalidMessageException("tags", "lists more than " + MAX_TAGS + " tags");
        }
        for (int i = 0; i < r.tags.size(); i++) {
            tag(r.tags.get(i), "tags[" + i + "]");
        }
        r.tags = r.tags.stream().distinct().sorted().toList();
        return r;
    }

    /** A tag: lower-case letters, digits, '.', '_' and '-', at most 40, starting with a letter or digit. */
    public static String tag(String tag, String field) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new InvalidMessageException(field, "must be lower-case letters, digits, '.', '_' or '-' (at most 40), not '"
                    + tag + "'");
        }
        return tag;
    }

    public static HeartbeatRequestDTO check(HeartbeatRequestDTO r) {
        body(r);
        if (!Polling.HEARTBEAT_MINUTES.contains(r.minutes)) {
            throw new InvalidMessageException("minutes", "must be one of " + Polling.HEARTBEAT_MINUTES + ", not " + r.minutes);
        }
        return r;
    }

    public static CommandResultDTO check(CommandResultDTO r) {
        body(r);
        uuid(r.commandId, "commandId");
        if (r.status == null) {
            throw new InvalidMessageException("status", "is required");
        }
        optional(r.message, "message", MAX_MESSAGE);
        if (r.scan != null) {
            optional(r.scan.message, "scan.message", MAX_MESSAGE);
            List<PackageUpdateDTO> updates = items(r.scan.updates, "scan.updates", MAX_UPDATES);
            for (int i = 0; i < updates.size(); i++) {
                update(updates.get(i), "scan.updates[" + i + "]");
            }
            texts(r.scan.notes, "scan.notes", MAX_LIST, MAX_MESSAGE);
            List<ReadingDTO> readings = items(r.scan.readings, "scan.readings", MAX_READINGS);
            for (int i = 0; i < readings.size(); i++) {
                reading(readings.get(i), "scan.readings[" + i + "]");
            }
        }
        if (r.plan != null) {
            texts(r.plan.requested, "plan.requested", MAX_UPDATES, MAX_ID);
            texts(r.plan.notes, "plan.notes", MAX_LIST, MAX_MESSAGE);
            optional(r.plan.hash, "plan.hash", 64);
            List<PackageChangeDTO> changes = items(r.plan.changes, "plan.changes", MAX_UPDATES);
            for (int i = 0; i < changes.size(); i++) {
                PackageChangeDTO c = changes.get(i);
                String at = "plan.changes[" + i + "]";
                optional(c.name, at + ".name", MAX_ID);
                optional(c.architecture, at + ".architecture", MAX_SHORT);
                optional(c.fromVersion, at + ".fromVersion", MAX_VERSION);
                optional(c.toVersion, at + ".toVersion", MAX_VERSION);
                optional(c.source, at + ".source", MAX_ID);
            }
        }
        if (r.install != null) {
            optional(r.install.message, "install.message", MAX_MESSAGE);
            optional(r.install.output, "install.output", InstallResultDTO.MAX_OUTPUT + 200);
            texts(r.install.installed, "install.installed", MAX_UPDATES, MAX_ID);
        }
        return r;
    }

    /** One reported update or reading: present, with an identity, and every text of a length the inventory can hold. */
    /** Most readings one scan may report. */
    public static final int MAX_READINGS = 1_000;

    private static void reading(ReadingDTO r, String at) {
        required(r.id, at + ".id", MAX_ID);
        optional(r.name, at + ".name", MAX_ID);
        optional(r.unit, at + ".unit", MAX_SHORT);
        optional(r.text, at + ".text", MAX_VERSION);
        optional(r.detail, at + ".detail", MAX_MESSAGE);
        optional(r.source, at + ".source", MAX_ID);
        if (r.value != null && !Double.isFinite(r.value)) {
            throw new InvalidMessageException(at + ".value", "must be a finite number");
        }
        if (r.value == null && r.text == null) {
            throw new InvalidMessageException(at, "has neither value nor text");
        }
    }

    private static void update(PackageUpdateDTO u, String at) {
        if (u.id == null && u.name == null) {
            throw new InvalidMessageException(at, "has neither id nor name");
        }
        optional(u.id, at + ".id", MAX_ID);
        optional(u.name, at + ".name", MAX_ID);
        optional(u.installedVersion, at + ".installedVersion", MAX_VERSION);
        optional(u.availableVersion, at + ".availableVersion", MAX_VERSION);
        optional(u.source, at + ".source", MAX_ID);
        optional(u.architecture, at + ".architecture", MAX_SHORT);
        texts(u.advisories, at + ".advisories", MAX_LIST, MAX_ID);
        texts(u.cves, at + ".cves", MAX_LIST, MAX_SHORT);
        if (u.downloadSize != null && u.downloadSize < 0) {
            throw new InvalidMessageException(at + ".downloadSize", "is negative");
        }
    }

    /** A list that may be absent but holds no nulls and not more than {@code max} entries. */
    private static <T> List<T> items(List<T> list, String field, int max) {
        if (list == null) {
            return List.of();
        }
        if (list.size() > max) {
            throw new InvalidMessageException(field, "lists more than " + max + " entries");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidMessageException(field + "[" + i + "]", "is null");
            }
        }
        return list;
    }

    private static void texts(List<String> list, String field, int max, int maxLength) {
        List<String> checked = items(list, field, max);
        for (int i = 0; i < checked.size(); i++) {
            optional(checked.get(i), field + "[" + i + "]", maxLength);
        }
    }

    /**
     * Dry runs ({@code install == false}) and installs. An install names its plan by hash, or by the dry run that computed
     * it ({@code dryRunId}); with a dry run, ecosystem and packages may be left out (they are the dry run's).
     */
    public static PackageCommandRequestDTO check(PackageCommandRequestDTO r, boolean install) {
        body(r);
        boolean fromDryRun = install && r.dryRunId != null;
        if (fromDryRun) {
            uuid(r.dryRunId, "dryRunId");
        } else if (r.dryRunId != null) {
            throw new InvalidMessageException("dryRunId", "belongs to installs, not dry runs");
        }
        if (!fromDryRun || r.ecosystem != null) {
            ecosystem(r.ecosystem, "ecosystem");
        }
        if (r.packages == null) {
            r.packages = new ArrayList<>();
        }
        if (r.packages.isEmpty() && !fromDryRun) {
            throw new InvalidMessageException("packages", "must name at least one package id");
        }
        packages(r.packages, "packages");
        if (install && !fromDryRun && r.planHash == null) {
            throw new InvalidMessageException("planHash", "must be the 64-hex hash of the approved dry-run plan "
                    + "(or name the dry run: dryRunId)");
        }
        if (install && r.planHash != null && !PLAN_HASH.matcher(r.planHash).matches()) {
            throw new InvalidMessageException("planHash", "must be the 64-hex hash of the approved dry-run plan");
        }
        if (!install && r.planHash != null) {
            throw new InvalidMessageException("planHash", "belongs to installs, not dry runs");
        }
        return r;
    }

    private static void packages(List<String> packages, String field) {
        if (packages.size() > MAX_PACKAGES) {
            throw new InvalidMessageException(field, "lists more than " + MAX_PACKAGES + " ids");
        }
        for (int i = 0; i < packages.size(); i++) {
            required(packages.get(i), field + "[" + i + "]", 300);
        }
    }

    public static ApprovalRequestDTO check(ApprovalRequestDTO r) {
        body(r);
        uuid(r.dryRunId, "dryRunId");
        if (r.decision == null || r.decision == ApprovalDecision.UNKNOWN) {
            throw new InvalidMessageException("decision", "must be approved or rejected");
        }
        optional(r.comment, "comment", MAX_MESSAGE);
        return r;
    }

    /** Most agents one bulk job acts on. */
    public static final int MAX_JOB_AGENTS = 10_000;

    public static JobRequestDTO check(JobRequestDTO r) {
        body(r);
        if (r.action == null || r.action == JobAction.UNKNOWN) {
            throw new InvalidMessageException("action", "must be scan, dry-run, approve, reject or install");
        }
        if (r.packages == null) {
            r.packages = new ArrayList<>();
        }
        optional(r.comment, "comment", MAX_MESSAGE);
        switch (r.action) {
            case SCAN, DRY_RUN -> {
                ecosystem(r.ecosystem, "ecosystem");
                check(r.selection);
                if (r.jobId != null) {
                    throw new InvalidMessageException("jobId", "belongs to approve, reject and install jobs; a "
                            + r.action + " job acts on a selection");
                }
                if (r.action == JobAction.DRY_RUN && r.packages.isEmpty()) {
                    throw new InvalidMessageException("packages", "must name at least one package id");
                }
                if (r.action == JobAction.SCAN && !r.packages.isEmpty()) {
                    throw new InvalidMessageException("packages", "belongs to dry-run jobs; a scan looks at everything");
                }
                packages(r.packages, "packages");
            }
            default -> {
                uuid(r.jobId, "jobId");
                if (r.selection != null) {
                    throw new InvalidMessageException("selection", "belongs to scan and dry-run jobs; a " + r.action
                            + " job acts on the agents of the dry-run job it names (jobId)");
                }
                if (!r.packages.isEmpty() || r.ecosystem != null) {
                    throw new InvalidMessageException(r.packages.isEmpty() ? "ecosystem" : "packages", "comes from the "
                            + "dry-run job; a " + r.action + " job acts on exactly the plans it computed");
                }
            }
        }
        return r;
    }

    public static SelectionDTO check(SelectionDTO s) {
        if (s == null) {
            throw new InvalidMessageException("selection", "is required: agentIds, a tag or filters, or all: true");
        }
        if (s.agentIds == null) {
            s.agentIds = new ArrayList<>();
        }
        boolean filtered = s.tag != null || s.online != null || s.os != null || s.severity != null;
        if (!s.agentIds.isEmpty() && (filtered || s.all)) {
            throw new InvalidMessageException("selection", "names agents by id or by filters, not both");
        }
        if (s.agentIds.isEmpty() && !filtered && !s.all) {
            throw new InvalidMessageException("selection", "selects nothing: give agentIds, a tag or filters, or all: true");
        }
        if (s.agentIds.size() > MAX_JOB_AGENTS) {
            throw new InvalidMessageException("selection.agentIds", "names more than " + MAX_JOB_AGENTS + " agents");
        }
        for (int i = 0; i < s.agentIds.size(); i++) {
            uuid(s.agentIds.get(i), "selection.agentIds[" + i + "]");
        }
        if (s.agentIds.stream().distinct().count() != s.agentIds.size()) {
            throw new InvalidMessageException("selection.agentIds", "names an agent twice");
        }
        if (s.tag != null) {
            tag(s.tag, "selection.tag");
        }
        if (s.os != null && !s.os.matches("[a-z]{1,20}")) {
            throw new InvalidMessageException("selection.os", "must be an OS family such as linux or windows, not '"
                    + s.os + "'");
        }
        if (s.severity != null && io.redflag.scanner.Severity.fromLabel(s.severity) == io.redflag.scanner.Severity.UNKNOWN) {
            throw new InvalidMessageException("selection.severity", "must be critical, important, moderate or low, not '"
                    + s.severity + "'");
        }
        return s;
    }

    public static SubsystemUpdateDTO check(SubsystemUpdateDTO r) {
        SubsystemUpdateDTO req = r == null ? new SubsystemUpdateDTO() : r;
        if (req.intervalSeconds != null && (req.intervalSeconds < 60 || req.intervalSeconds > 30 * 86400)) {
            throw new InvalidMessageException("intervalSeconds", "must be between 60 and 2592000");
        }
        return req;
    }

    public static RegistrationTokenRequestDTO check(RegistrationTokenRequestDTO r) {
        RegistrationTokenRequestDTO req = r == null ? new RegistrationTokenRequestDTO() : r;
        if (req.seats == null) {
            req.seats = 1;
        }
        if (req.expiresInSeconds == null) {
            req.expiresInSeconds = 86_400L;
        }
        if (req.seats < 1 || req.seats > 100_000) {
            throw new InvalidMessageException("seats", "must be between 1 and 100000");
        }
        if (req.expiresInSeconds < 1 || req.expiresInSeconds > 365L * 86400) {
            throw new InvalidMessageException("expiresInSeconds", "must be between 1 and 31536000");
        }
        optional(req.note, "note", 500);
        return req;
    }

    public static RebindRequestDTO check(RebindRequestDTO r) {
        RebindRequestDTO req = r == null ? new RebindRequestDTO() : r;
        if (req.machineId != null) {
            required(req.machineId, "machineId", 200); // given: not blank (no agent registers with a blank one)
        }
        if (req.expiresInSeconds < 60 || req.expiresInSeconds > 30L * 86400) {
            throw new InvalidMessageException("expiresInSeconds", "must be between 60 and 2592000");
        }
        return req;
    }

    private static final java.util.regex.Pattern OPERATOR_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

    public static OperatorTokenRequestDTO check(OperatorTokenRequestDTO r) {
        body(r);
        r.role = operator(r.name, r.role);
        return r;
    }

    /** An operator's name as the audit log will show it, and a known role (viewer when none is given). */
    private static OperatorRole operator(String name, OperatorRole role) {
        if (name == null || !OPERATOR_NAME.matcher(name).matches()) {
            throw new InvalidMessageException("name", "must be 1 to 100 letters, digits or . _ @ + -");
        }
        if (role == OperatorRole.UNKNOWN) {
            throw new InvalidMessageException("role", "must be admin, operator or viewer");
        }
        return role == null ? OperatorRole.VIEWER : role;
    }

    /** The shortest password an account may have (NIST SP 800-63B asks for at least 8; a console that rules a fleet, 12). */
    public static final int MIN_PASSWORD = 12;
    /** The longest: more is no safer and costs the KDF. */
    public static final int MAX_PASSWORD = 1024;

    public static SignInRequestDTO check(SignInRequestDTO r) {
        body(r);
        if (r.name == null || r.name.isEmpty() || r.name.length() > 100) {
            throw new InvalidMessageException("name", "must be an account's name");
        }
        if (r.password == null || r.password.isEmpty() || r.password.length() > MAX_PASSWORD) {
            throw new InvalidMessageException("password", "must be given (at most " + MAX_PASSWORD + " characters)");
        }
        return r;
    }

    public static PasswordChangeDTO check(PasswordChangeDTO r) {
        body(r);
        if (r.current == null || r.current.isEmpty() || r.current.length() > MAX_PASSWORD) {
            throw new InvalidMessageException("current", "must be the password the account has now");
        }
        if (r.next == null || r.next.codePointCount(0, r.next.length()) < MIN_PASSWORD || r.next.length() > MAX_PASSWORD) {
            throw new InvalidMessageException("next", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (r.next.equals(r.current)) {
            throw new InvalidMessageException("next", "must differ from the current password");
        }
        return r;
    }

    public static AccountRequestDTO check(AccountRequestDTO r) {
        body(r);
        r.role = operator(r.name, r.role);
        return r;
    }
}
