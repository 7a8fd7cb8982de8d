// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.rest;

import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.TransactionPlanDTO;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Request and response bodies of the agent protocol, with their validation. */
public final class Messages {

    private static final Pattern ECOSYSTEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private Messages() {}

    static String require(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return value;
    }

    static String optional(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return value;
    }

    public static void requireEcosystem(String eco) {
        if (eco == null || !ECOSYSTEM.matcher(eco).matches()) {
            throw ApiException.badRequest("ecosystem must be lower-case letters, digits and '-', not '" + eco + "'");
        }
    }

    /** POST /agents/register. */
    public static class RegisterRequest {
        public String registrationToken;
        public String machineId;
        public String hostname;
        public String osFamily;
        public String osVersion;
        public String architecture;
        public String agentVersion;
        public List<String> scanners = new ArrayList<>();

        public void validate() {
            require(registrationToken, "registrationToken", 200);
            require(machineId, "machineId", 200);
            require(hostname, "hostname", 255);
            require(osFamily, "osFamily", 40);
            require(agentVersion, "agentVersion", 64);
            optional(osVersion, "osVersion", 200);
            optional(architecture, "architecture", 40);
            if (scanners == null) {
                scanners = new ArrayList<>();
            }
            if (scanners.size() > 100) {
                throw ApiException.badRequest("scanners lists more than 100 entries");
            }
            scanners.forEach(Messages::requireEcosystem);
        }
    }

    /** POST /agents/token. */
    public static class RefreshRequest {
        public String refreshToken;
    }

    /** Access and refresh token handed to an agent. */
    public static class TokenPair {
        public String accessToken;
        public long accessTokenExpiresIn;
        public String refreshToken;
    }

    /** POST /agents/{id}/check-in. */
    public static class CheckInRequest {
        public String agentVersion;
        /** Ecosystems whose scanners are active on the agent. */
        public List<String> scanners = new ArrayList<>();

        public void validate() {
            optional(agentVersion, "agentVersion", 64);
            if (scanners == null) {
                scanners = new ArrayList<>();
            }
            if (scanners.size() > 100) {
                throw ApiException.badRequest("scanners lists more than 100 entries");
            }
            scanners.forEach(Messages::requireEcosystem);
        }
    }

    /** POST /agents/{id}/results: the outcome of one command. */
    public static class CommandResultRequest {
        public static final List<String> STATUSES = List.of("completed", "failed", "refused");

        public String commandId;
        /** completed, failed (the command ran and did not work) or refused (the agent would not run it). */
        public String status;
        public String message;
        public ScanReportDTO scan;
        public TransactionPlanDTO plan;
        public InstallResultDTO install;

        public void validate() {
            require(commandId, "commandId", 64);
            require(status, "status", 20);
            if (!STATUSES.contains(status)) {
                throw ApiException.badRequest("status must be one of " + STATUSES);
            }
            optional(message, "message", 4000);
            if (scan != null && scan.updates != null && scan.updates.size() > 50_000) {
                throw ApiException.badRequest("scan lists more than 50000 updates");
            }
        }
    }

    /** PUT /agents/{id}/subsystems/{ecosystem}. */
    public static class SubsystemUpdate {
        public Boolean enabled;
        public Integer intervalSeconds;
    }

    /** POST /agents/{id}/dry-runs and /agents/{id}/installs. */
    public static class PackageCommandRequest {
        private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

        public String ecosystem;
        public List<String> packages = new ArrayList<>();
        /** Installs only: the hash of the dry-run plan the operator approved. */
        public String planHash;

        public void validate(boolean install) {
            requireEcosystem(ecosystem);
            if (packages == null || packages.isEmpty()) {
                throw ApiException.badRequest("packages must name at least one package id");
            }
            if (packages.size() > 500) {
                throw ApiException.badRequest("packages lists more than 500 ids");
            }
            for (String p : packages) {
                require(p, "packages[]", 300);
            }
            if (install && (planHash == null || !HASH.matcher(planHash).matches())) {
                throw ApiException.badRequest("planHash must be the 64-hex hash of the approved dry-run plan");
            }
            if (!install && planHash != null) {
                throw ApiException.badRequest("planHash belongs to installs, not dry runs");
            }
        }
    }

    /** POST /registration-tokens. */
    public static class RegistrationTokenRequest {
        public Integer seats;
        public Long expiresInSeconds;
        public String note;
    }
}
