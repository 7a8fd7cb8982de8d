// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.redflag.scanner.InstallResultDTO;
import io.redflag.scanner.ScanContext;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.scanner.ScanStatus;
import io.redflag.scanner.TransactionPlanDTO;
import io.redflag.scanner.TransactionPlans;
import io.redflag.signing.SignedCommandDTO;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one verified command against the scanner plug-in it names. Whatever the plug-in does —
 * throw, hang, return nonsense — ends as a result for the server, never as a crash of the agent.
 * An install runs only if the host's plan still hashes to the plan the operator approved.
 */
final class CommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    static final Duration SCAN_TIMEOUT = Duration.ofMinutes(10);
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(60);

    private final ScannerRegistry registry;
    private final ExecutorService pool;

    CommandExecutor(ScannerRegistry registry, ExecutorService pool) {
        this.registry = registry;
        this.pool = pool;
    }

    /** The result body to post for {@code cmd}; fields as the server's results endpoint expects. */
    Map<String, Object> execute(SignedCommandDTO cmd) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("commandId", cmd.id);
        Map<String, Object> params;
        try {
            params = JsonFiles.JSON.readValue(cmd.params, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return failed(result, "command parameters are not JSON");
        }
        String ecosystem = String.valueOf(params.get("ecosystem"));
        var handle = registry.scanner(ecosystem);
        if (handle.isEmpty()) {
            return failed(result, "no " + ecosystem + " scanner is active on this agent");
        }
        var scanner = handle.get().scanner();
        Duration timeout = SignedCommandDTO.TYPE_INSTALL.equals(cmd.type) ? INSTALL_TIMEOUT : SCAN_TIMEOUT;
        Instant deadline = Instant.now().plus(timeout);
        ScanContext ctx = context(deadline, params.get("config"));
        List<String> packages = stringList(params.get("packages"));
        try {
            switch (cmd.type) {
                case SignedCommandDTO.TYPE_SCAN -> {
                    ScanReportDTO report = call(() -> scanner.scan(ctx), timeout);
                    result.put("status", report.status == ScanStatus.FAILED ? "failed" : "completed");
                    result.put("message", report.message);
                    result.put("scan", report);
                }
                case SignedCommandDTO.TYPE_DRY_RUN -> {
                    TransactionPlanDTO plan = call(() -> scanner.dryRun(ctx, packages), timeout);
                    plan.hash = TransactionPlans.hash(plan);
                    result.put("status", "completed");
                    result.put("plan", plan);
                }
                case SignedCommandDTO.TYPE_INSTALL -> {
                    TransactionPlanDTO plan = call(() -> scanner.dryRun(ctx, packages), timeout);
                    String now = TransactionPlans.hash(plan);
                    Object approved = params.get("planHash");
                    if (approved == null || !approved.equals(now)) {
                        plan.hash = now;
                        result.put("plan", plan);
                        return refused(result, "the host's plan (" + now + ") differs from the approved plan ("
                                + approved + "); nothing was installed");
                    }
                    InstallResultDTO install = call(() -> scanner.install(ctx, packages), timeout);
                    // whatever the plug-in did, a result never carries more output than the API promises
                    install.output = InstallResultDTO.excerpt(install.output);
                    result.put("status", install.success ? "completed" : "failed");
                    result.put("message", install.message);
                    result.put("install", install);
                }
                default -> {
                    return refused(result, "unknown command type '" + cmd.type + "'");
                }
            }
            return result;
        } catch (TimeoutException e) {
            return failed(result, ecosystem + " scanner gave no answer within " + timeout.toMinutes() + " min");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("{} scanner failed on {} command {}: {}", ecosystem, cmd.type, cmd.id, cause.toString());
            return failed(result, ecosystem + " scanner failed: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(result, "agent stopped while the command ran");
        }
    }

    interface PluginCall<T> {
        T call() throws Exception;
    }

    private <T> T call(PluginCall<T> work, Duration timeout) throws TimeoutException, ExecutionException, InterruptedException {
        Future<T> f = pool.submit(work::call);
        try {
            T value = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new ExecutionException(new IllegalStateException("plug-in returned nothing"));
            }
            return value;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private static ScanContext context(Instant deadline, Object config) {
        Map<String, String> cfg = new LinkedHashMap<>();
        if (config instanceof Map<?, ?> m) {
            m.forEach((k, v) -> cfg.put(String.valueOf(k), String.valueOf(v)));
        }
        return ScanContext.of(deadline, cfg);
    }

    private static List<String> stringList(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    static Map<String, Object> failed(Map<String, Object> result, String message) {
        result.put("status", "failed");
        result.put("message", message);
        return result;
    }

    static Map<String, Object> refused(Map<String, Object> result, String message) {
        LoggerFactory.getLogger("io.redflag.security").warn("security event: command {} refused: {}",
                result.get("commandId"), message);
        result.put("status", "refused");
        result.put("message", message);
        return result;
    }
}
