// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.protocol.CommandParamsDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.ResultStatus;
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
import java.util.List;
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
    private final ScannerBreakers breakers;

    CommandExecutor(ScannerRegistry registry, ExecutorService pool) {
        this(registry, pool, new ScannerBreakers());
    }

    CommandExecutor(ScannerRegistry registry, ExecutorService pool, ScannerBreakers breakers) {
        this.registry = registry;
        this.pool = pool;
        this.breakers = breakers;
    }

    /** The result to post for {@code cmd}. */
    CommandResultDTO execute(SignedCommandDTO cmd) {
        CommandResultDTO result = new CommandResultDTO();
        result.commandId = cmd.id;
        CommandType type = CommandType.fromWire(cmd.type);
        if (type == CommandType.UNKNOWN) {
            return refused(result, "unknown command type '" + cmd.type + "'");
        }
        CommandParamsDTO params;
        try {
            params = JsonFiles.JSON.readValue(cmd.params, CommandParamsDTO.class);
        } catch (IOException | IllegalArgumentException e) {
            return failed(result, "command parameters are not JSON");
        }
        String ecosystem = params.ecosystem;
        var handle = registry.scanner(ecosystem);
        if (handle.isEmpty()) {
            return failed(result, "no " + ecosystem + " scanner is active on this agent");
        }
        ScannerRegistry.Handle plugin = handle.get();
        if (type != CommandType.SCAN && plugin.scanner() == null) {
            return failed(result, ecosystem + " reports readings of the host; there is nothing to dry-run or install");
        }
        var scanner = plugin.scanner();
        String open = breakers.refusal(ecosystem, Instant.now());
        if (open != null) {
            return failed(result, open);
        }
        Duration timeout = type == CommandType.INSTALL ? INSTALL_TIMEOUT : SCAN_TIMEOUT;
        Instant deadline = Instant.now().plus(timeout);
        ScanContext ctx = ScanContext.of(deadline, registry.configuration(ecosystem, params.config));
        List<String> packages = params.packages == null ? List.of() : params.packages;
        try {
            switch (type) {
                case SCAN -> {
                    ScanReportDTO report = call(() -> plugin.readings() != null ? plugin.readings().read(ctx) : scanner.scan(ctx),
                            timeout);
                    result.status = report.status == ScanStatus.FAILED ? ResultStatus.FAILED : ResultStatus.COMPLETED;
                    result.message = report.message;
                    result.scan = report;
                    if (report.status == ScanStatus.FAILED) {
                        breakers.failed(ecosystem, report.message, Instant.now());
                        return result;
                    }
                }
                case DRY_RUN -> {
                    TransactionPlanDTO plan = call(() -> scanner.dryRun(ctx, packages), timeout);
                    plan.hash = TransactionPlans.hash(plan);
                    result.status = ResultStatus.COMPLETED;
                    result.plan = plan;
                }
                default -> {
                    TransactionPlanDTO plan = call(() -> scanner.dryRun(ctx, packages), timeout);
                    String now = TransactionPlans.hash(plan);
                    if (params.planHash == null || !params.planHash.equals(now)) {
                        plan.hash = now;
                        result.plan = plan;
                        return refused(result, "the host's plan (" + now + ") differs from the approved plan ("
                                + params.planHash + "); nothing was installed");
                    }
                    InstallResultDTO install = call(() -> scanner.install(ctx, packages), timeout);
                    // whatever the plug-in did, a result never carries more output than the API promises
                    install.output = InstallResultDTO.excerpt(install.output);
                    result.status = install.success ? ResultStatus.COMPLETED : ResultStatus.FAILED;
                    result.message = install.message;
                    result.install = install;
                }
            }
            // an install the package manager could not finish is the host's trouble, not the plug-in's: it counts as working
            breakers.succeeded(ecosystem);
            return result;
        } catch (TimeoutException e) {
            String why = ecosystem + " scanner gave no answer within " + timeout.toMinutes() + " min";
            breakers.failed(ecosystem, why, Instant.now());
            return failed(result, why);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("{} scanner failed on {} command {}: {}", ecosystem, cmd.type, cmd.id, cause.toString());
            breakers.failed(ecosystem, String.valueOf(cause.getMessage()), Instant.now());
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

    static CommandResultDTO failed(CommandResultDTO result, String message) {
        result.status = ResultStatus.FAILED;
        result.message = message;
        return result;
    }

    static CommandResultDTO refused(CommandResultDTO result, String message) {
        LoggerFactory.getLogger("io.redflag.security").warn("security event: command {} refused: {}", result.commandId, message);
        result.status = ResultStatus.REFUSED;
        result.message = message;
        return result;
    }
}
