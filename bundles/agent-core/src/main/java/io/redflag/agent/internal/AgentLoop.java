// SPDX-License-Identifier: Apache-2.0
package io.redflag.agent.internal;

import io.redflag.binding.MachineKey;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.CommandType;
import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.PublicKeyDTO;
import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.Routes;
import io.redflag.protocol.TokenPairDTO;
import io.redflag.signing.CommandAcceptance;
import io.redflag.signing.SignatureException;
import io.redflag.signing.SignatureVerifier;
import io.redflag.signing.SignedCommandDTO;
import io.redflag.updates.BundleReconciler;
import io.redflag.updates.InPlaceBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's only channel to the server: register once, then poll. Every command is verified
 * against the pinned server key before it runs; results go to the outbox first and leave it only
 * when acknowledged. Server trouble means exponential backoff, never a crash or a lost result.
 * Without configuration (the command-line mode) this component does not exist.
 */
@Component(configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.agent")
@Designate(ocd = AgentLoop.Config.class)
public final class AgentLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("io.redflag.security");
    /** How often the server may fail (5xx) on one result before the agent stops resending it. */
    static final int MAX_RESULT_ATTEMPTS = 10;

    @ObjectClassDefinition(name = "RedFlag agent")
    public @interface Config {
        String server_url();

        String data_dir();

        /** Used once, to register; private ('.'-prefixed) so it is never a service property. */
        String _registration_token() default "";

        /** Key id of the server key, checked before pinning it (out-of-band trust). */
        String server_fingerprint() default "";

        /**
         * What the server may make this agent do: monitor (scans only), all, or a list of scan, dry-run, install,
         * bundle-updates, core-updates. Local: no command changes it.
         */
        String accept() default LocalPolicy.DEFAULT;

        /** Register (when not registered yet), say how it went in the status file, and stop: {@code redflag-agent register}. */
        boolean register_only() default false;
    }

    private final Config config;
    private final Path dataDir;
    private final SignatureVerifier verifier;
    private final ScannerRegistry registry;
    private final String version;
    private final HostFacts host;
    private final Outbox outbox;
    private final ServerClient client;
    private final ExecutorService loopThread = Executors.newSingleThreadExecutor(r -> daemon(r, "redflag-agent-loop"));
    private final ExecutorService pluginThreads = Executors.newCachedThreadPool(r -> daemon(r, "redflag-plugin-call"));
    private final CommandExecutor executor;
    private final AgentUpdates updates;
    private final LocalPolicy policy;
    private final ScannerBreakers breakers = new ScannerBreakers();
    private final HostMetrics hostMetrics = new HostMetrics();
    private final Pacing pacing = new Pacing();
    private final String machineKey;
    /** The last terminal trouble, said once; null while all is well. */
    private String lastTerminal;
    private final StatusReport status = new StatusReport();
    private final Instant started = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private final CoreUpdater core;
    private final BundleContext context;
    /** The last problems of bringing the desired state in, said once rather than at every check-in. */
    private String lastUpdateProblems;
    /** Once per start the desired state is brought in whatever the hash says: the framework storage may have been lost. */
    private boolean reconciledSinceStart;
    private final java.util.Map<String, Integer> failedSends = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private AgentState state;

    @Activate
    public AgentLoop(Config config, @Reference SignatureVerifier verifier, @Reference ScannerRegistry registry,
            @Reference InPlaceBundles bundles, BundleContext ctx) throws IOException {
        this.config = config;
        this.dataDir = Path.of(config.data_dir());
        Files.createDirectories(dataDir);
        this.verifier = verifier;
        this.registry = registry;
        this.version = ctx.getBundle().getHeaders().get("RedFlag-Version");
        this.host = HostFacts.detect(dataDir, "instance".equals(ctx.getProperty("redflag.machine.id")));
        LocalPolicy parsed;
        try {
            parsed = LocalPolicy.parse(config.accept());
        } catch (IllegalArgumentException e) {
            // fail closed: a policy this agent cannot read allows only what is always allowed
            LOG.error("{}; accepting scans only until the configuration is fixed", e.getMessage());
            parsed = LocalPolicy.parse("monitor");
        }
        this.policy = parsed;
        this.outbox = new Outbox(dataDir);
        MachineKey key = MachineKey.loadOrCreate(dataDir);
        if (key.wasExposed()) {
            SECURITY.warn("security event: {} was readable by other users; it is private again, but the key may be "
                    + "known to them: an operator should rebind this agent", dataDir.resolve(MachineKey.FILE));
        }
        LOG.info("machine key {}", key.thumbprint());
        LOG.info("local policy accepts: {}", policy.describe());
        this.machineKey = key.thumbprint();
        this.client = new ServerClient(config.server_url(), host.machineId(), key);
        this.state = AgentState.load(dataDir);
        this.executor = new CommandExecutor(registry, pluginThreads, breakers);
        this.context = ctx;
        this.core = new CoreUpdater(dataDir, version, CoreUpdater.platformOf(host.osFamily(), host.architecture()),
                "true".equals(ctx.getProperty("redflag.core.bootstrap")), ctx.getProperty("redflag.core.trial"));
        this.updates = new AgentUpdates(dataDir, client, verifier, bundles, () -> state);
        loopThread.submit(this::loop);
    }

    @Deactivate
    void stop() {
        running = false;
        loopThread.shutdownNow();
        pluginThreads.shutdownNow();
    }

    private void loop() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        while (running) {
            Duration wait;
            String problem = null;
            boolean needsOperator = false;
            if (config.register_only()) {
                registerOnly();
                return;
            }
            try {
                ensureRegistered();
                flushOutbox();
                wait = checkIn();
                flushOutbox();
                if (lastTerminal != null) {
                    LOG.info("the server accepts this agent again");
                } else if (backoff.failures() > 0) {
                    LOG.info("server reachable again");
                }
                lastTerminal = null;
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                Trouble trouble = Trouble.of(e);
                problem = trouble.message();
                needsOperator = trouble.terminal();
                if (trouble.terminal()) {
                    // said once, clearly; then tried slowly, so that an operator's fix heals the agent by itself
                    wait = trouble.upgradeRequired() ? pacing.afterUpgradeRequired() : pacing.afterTerminalFailure();
                    if (!trouble.message().equals(lastTerminal)) {
                        LOG.error("{}; an operator has to act: this agent tries again every {} min", trouble.message(),
                                (trouble.upgradeRequired() ? Pacing.UPGRADE_RETRY : Pacing.TERMINAL_RETRY).toMinutes());
                    } else {
                        LOG.debug("still: {}", trouble.message());
                    }
                    lastTerminal = trouble.message();
                } else {
                    // a server that says when to come back (429, 503 while it starts or its database is away) is taken
                    // at its word, spread over up to twice that so that a fleet does not come back all at once; the
                    // backoff grows only for failures that say nothing (unreachable, 5xx without a date)
                    if (e instanceof ServerClient.ServerException se && se.retryAfterSeconds > 0) {
                        wait = pacing.afterRetryAfter(se.retryAfterSeconds);
                    } else {
                        wait = backoff.next();
                    }
                    LOG.warn("{}; retrying in {} s", trouble.message(), Math.max(1, wait.toSeconds()));
                }
            }
            report(problem, needsOperator, wait);
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void registerOnly() {
        try {
            ensureRegistered();
            report(null, false, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            Trouble trouble = Trouble.of(e);
            report(trouble.message(), trouble.terminal(), Duration.ZERO);
        }
    }

    /** Writes what the agent knows of itself for {@code redflag-agent status}; never stops the loop. */
    private void report(String problem, boolean needsOperator, Duration wait) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            status.agentVersion = version;
            status.serverUrl = config.server_url();
            status.agentId = state.agentId;
            status.serverKeyId = state.serverKeyId;
            status.machineKey = machineKey;
            status.lastAttemptAt = now.toString();
            if (status.startedAt == null) {
                status.startedAt = started.toString();
            }
            status.lastProblem = problem;
            status.problemNeedsOperator = needsOperator;
            status.nextCheckInAt = now.plusSeconds(Math.max(1, wait.toSeconds())).toString();
            status.accepts = policy.list().stream().map(Object::toString).toList();
            status.scanners = activeEcosystems();
            status.failedScanners = registry.failed();
            status.breakers = breakers.snapshot(now);
            status.bundles = updates.bundles().inventory();
            status.pendingResults = outbox.pending().size();
            status.quarantinedResults = outbox.rejected();
            status.appliedDesiredState = state.appliedDesiredState;
            status.platform = core.platform();
            status.coreUpdates = core.history();
            status.save(dataDir);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot write {}: {}", StatusReport.FILE, e.toString());
        }
    }

    private void ensureRegistered() throws IOException, InterruptedException {
        if (state.registered()) {
            return;
        }
        String token = config._registration_token();
        if (token.isBlank()) {
            throw new Trouble.TerminalException("not registered yet and no registration token given (--token or "
                    + "$REDFLAG_REGISTRATION_TOKEN)");
        }
        PublicKeyDTO key = client.get(Routes.PUBLIC_KEY, PublicKeyDTO.class);
        String publicKey = key.publicKey;
        String keyId;
        try {
            keyId = verifier.keyId(publicKey);
        } catch (SignatureException e) {
            throw new IOException("server sent an unusable public key: " + e.getMessage());
        }
        if (!config.server_fingerprint().isBlank() && !config.server_fingerprint().equalsIgnoreCase(keyId)) {
            SECURITY.warn("security event: server key {} does not match the expected fingerprint {}; not registering",
                    keyId, config.server_fingerprint());
            throw new Trouble.TerminalException("the server's key " + keyId + " is not the one this agent was told to expect ("
                    + config.server_fingerprint() + ", --server-fingerprint): either the fingerprint is wrong or this is not "
                    + "the right server; not registering");
        }
        RegisterRequestDTO req = new RegisterRequestDTO();
        req.registrationToken = token;
        req.machineId = host.machineId();
        req.hostname = host.hostname();
        req.osFamily = host.osFamily();
        req.osVersion = host.osVersion();
        req.architecture = host.architecture();
        req.agentVersion = version;
        req.scanners = activeEcosystems();
        RegisterResponseDTO answer = client.postSigned(Routes.REGISTER, req, null, RegisterResponseDTO.class);
        AgentState fresh = new AgentState();
        fresh.serverUrl = config.server_url();
        fresh.agentId = answer.agentId;
        fresh.machineId = host.machineId();
        fresh.serverPublicKey = publicKey;
        fresh.serverKeyId = keyId;
        fresh.accessToken = answer.accessToken;
        fresh.refreshToken = answer.refreshToken;
        fresh.save(dataDir);
        state = fresh;
        LOG.info("registered as agent {}; pinned server key {}", fresh.agentId, keyId);
    }

    private List<String> activeEcosystems() {
        return registry.applicable(host.osFamily()).stream().map(ScannerRegistry.Handle::ecosystem).distinct().toList();
    }

    /** Calls an agent route; on an expired access token, refreshes once and retries. */
    private <T> T agentCall(String path, Object body, Class<T> answer, boolean signed)
            throws IOException, InterruptedException {
        try {
            return withToken(path, body, answer, signed);
        } catch (ServerClient.ServerException e) {
            if (e.status != 401) {
                throw e;
            }
            refreshTokens();
            return withToken(path, body, answer, signed);
        }
    }

    private <T> T withToken(String path, Object body, Class<T> answer, boolean signed)
            throws IOException, InterruptedException {
        return signed ? client.postSigned(path, body, state.accessToken, answer) : client.post(path, body, state.accessToken, answer);
    }

    private void refreshTokens() throws IOException, InterruptedException {
        RefreshRequestDTO req = new RefreshRequestDTO();
        req.refreshToken = state.refreshToken;
        TokenPairDTO pair;
        try {
            pair = client.postSigned(Routes.TOKEN, req, null, TokenPairDTO.class);
        } catch (ServerClient.ServerException e) {
            if (e.status == 401) {
                // nothing this agent can fix by retrying; say what the operator has to do
                throw new Trouble.TerminalException(e.getMessage() + "; the server no longer accepts this agent's "
                        + "credentials: delete " + dataDir.resolve(AgentState.FILE) + " and start again with a new --token");
            }
            throw e;
        }
        state.accessToken = pair.accessToken;
        state.refreshToken = pair.refreshToken;
        // saved at once: the old refresh token is already spent on the server
        state.save(dataDir);
    }

    private Duration checkIn() throws IOException, InterruptedException {
        CheckInRequestDTO req = new CheckInRequestDTO();
        req.agentVersion = version;
        req.scanners = activeEcosystems();
        req.failedScanners = registry.failed();
        req.quarantinedResults = outbox.rejected();
        req.bundles = updates.bundles().inventory();
        req.appliedDesiredState = state.appliedDesiredState;
        req.accepts = policy.list();
        Instant now = Instant.now();
        req.breakers = breakers.snapshot(now);
        req.host = hostMetrics.due(now);
        req.platform = core.platform();
        req.coreUpdates = core.history();
        CheckInResponseDTO answer = agentCall(Routes.checkIn(state.agentId), req, CheckInResponseDTO.class, false);
        Instant accepted = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        status.lastCheckInAt = accepted.toString();
        if (status.firstCheckInAt == null) {
            status.firstCheckInAt = accepted.toString();
        }
        core.checkedIn();
        reportCoreOutcomes(req.coreUpdates);
        List<SignedCommandDTO> commands = answer.commands == null ? List.of() : answer.commands;
        for (SignedCommandDTO cmd : commands) {
            if (!running) {
                break;
            }
            handle(cmd);
        }
        status.heartbeatUntil = answer.heartbeatUntil;
        if (running && policy.accepts(AgentAction.BUNDLE_UPDATES) && answer.desiredState != null
                && (!answer.desiredState.equals(state.appliedDesiredState) || !reconciledSinceStart) && bringInDesiredState()) {
            return Duration.ofSeconds(1); // say at once what runs now
        }
        return pacing.afterCheckIn(answer.pollIntervalSeconds, !commands.isEmpty(), Instant.now());
    }

    /**
     * Brings the desired state in (scans and swaps never overlap: both run on this thread). True when bundles changed.
     * Trouble is said once per kind, and the next check-in tries again; it never stops the loop.
     */
    private boolean bringInDesiredState() throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            BundleReconciler.Outcome outcome = updates.reconcile();
            String problems = String.join("; ", outcome.problems());
            if (!problems.isEmpty() && !problems.equals(lastUpdateProblems)) {
                LOG.warn("desired bundles: {}", problems);
            }
            lastUpdateProblems = problems;
            if (outcome.applied() != null) {
                reconciledSinceStart = true;
                state.appliedDesiredState = outcome.applied();
                state.save(dataDir);
                LOG.info("desired state {} in place in {} ms ({} swapped, {} removed)", outcome.applied().substring(0,
                        Math.min(12, outcome.applied().length())), (System.nanoTime() - t0) / 1_000_000, outcome.swaps().size(),
                        outcome.removed().size());
            }
            return !outcome.swaps().isEmpty() || !outcome.removed().isEmpty();
        } catch (IOException e) {
            String problem = "cannot bring in the desired bundles: " + e.getMessage();
            if (!problem.equals(lastUpdateProblems)) {
                LOG.warn(problem);
            }
            lastUpdateProblems = problem;
            return false;
        }
    }

    private void handle(SignedCommandDTO cmd) throws IOException {
        if (cmd.id == null || state.executed(cmd.id)) {
            return; // already run; its result is in the outbox or acknowledged
        }
        CommandResultDTO result;
        String refusal = CommandAcceptance.refusal(verifier, state.serverPublicKey, state.agentId, cmd, Instant.now());
        AgentAction action = LocalPolicy.action(CommandType.fromWire(cmd.type));
        if (refusal == null && action != AgentAction.UNKNOWN && !policy.accepts(action)) {
            refusal = "refused by local policy: this agent accepts only " + policy.describe() + ", not " + action
                    + " (its own configuration, --accept, decides; the server cannot change it)";
        }
        if (refusal == null && CommandType.fromWire(cmd.type) == CommandType.CORE_UPDATE) {
            result = updateCore(cmd);
            if (result == null) {
                return; // staged: the agent restarts into the new core, which reports the outcome
            }
        } else if (refusal != null) {
            result = new CommandResultDTO();
            result.commandId = cmd.id;
            CommandExecutor.refused(result, refusal);
        } else {
            LOG.info("running {} command {} ({})", cmd.type, cmd.id, cmd.params);
            result = executor.execute(cmd);
            LOG.info("{} command {} finished: {}", cmd.type, cmd.id, result.status);
        }
        outbox.put(cmd.id, result);
        state.rememberExecuted(cmd.id, cmd.issuedAt, Instant.now());
        state.save(dataDir);
    }

    /**
     * Takes a core-update order: checked, downloaded through the signed metadata, staged for the bootstrap; then the
     * agent stops so that its bootstrap restarts it into the new core. Null when staged; otherwise the result to send.
     */
    private CommandResultDTO updateCore(SignedCommandDTO cmd) throws IOException {
        CommandResultDTO result = new CommandResultDTO();
        result.commandId = cmd.id;
        io.redflag.protocol.CommandParamsDTO params;
        try {
            params = JsonFiles.JSON.readValue(cmd.params, io.redflag.protocol.CommandParamsDTO.class);
        } catch (IOException | IllegalArgumentException e) {
            return CommandExecutor.failed(result, "command parameters are not JSON");
        }
        String refusal = core.refusal(cmd, params, Instant.now(), params.nonce != null && state.coreNonces.contains(params.nonce));
        if (refusal != null) {
            return CommandExecutor.refused(result, refusal);
        }
        state.coreNonces.add(params.nonce);
        while (state.coreNonces.size() > 100) {
            state.coreNonces.remove(0);
        }
        state.save(dataDir);
        AgentUpdates.VerifiedCore verified;
        try {
            LOG.info("core update to {} ordered ({}): fetching and verifying it", params.coreVersion, cmd.id);
            verified = updates.fetchCore(params.platform, params.coreVersion);
            core.stage(params.coreVersion, verified, cmd.id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandExecutor.failed(result, "agent stopped while fetching core " + params.coreVersion);
        } catch (IOException e) {
            LOG.warn("core update to {} failed: {}", params.coreVersion, e.getMessage());
            return CommandExecutor.failed(result, "core " + params.coreVersion + " was not staged: " + e.getMessage());
        }
        state.rememberExecuted(cmd.id, cmd.issuedAt, Instant.now());
        state.pendingCoreUpdates.add(cmd.id);
        state.save(dataDir);
        LOG.info("core {} verified (sha256 {}) and staged; stopping so that the bootstrap restarts into it",
                params.coreVersion, verified.sha256());
        running = false;
        Thread stopper = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (org.osgi.framework.BundleException | IllegalStateException e) {
                LOG.error("cannot stop for the core switch: {}", e.getMessage());
            }
        }, "redflag-core-switch");
        stopper.start();
        return null;
    }

    /** The outcome of each staged order, once the bootstrap's history has it, goes out as that order's result. */
    private void reportCoreOutcomes(List<io.redflag.protocol.CoreUpdateDTO> history) throws IOException {
        if (state.pendingCoreUpdates.isEmpty()) {
            return;
        }
        boolean changed = false;
        for (io.redflag.protocol.CoreUpdateDTO u : history) {
            if (u.commandId == null || !state.pendingCoreUpdates.contains(u.commandId)) {
                continue;
            }
            CommandResultDTO r = new CommandResultDTO();
            r.commandId = u.commandId;
            if (u.outcome == io.redflag.protocol.CoreUpdateOutcome.INSTALLED) {
                r.status = io.redflag.protocol.ResultStatus.COMPLETED;
                r.message = "core " + u.version + " installed (was " + u.from + ")";
            } else {
                r.status = io.redflag.protocol.ResultStatus.FAILED;
                r.message = "core " + u.version + " " + u.outcome + ": " + u.reason + "; " + u.from + " runs";
            }
            outbox.put(u.commandId, r);
            state.pendingCoreUpdates.remove(u.commandId);
            changed = true;
        }
        if (changed) {
            state.save(dataDir);
        }
    }

    /**
     * Sends the results waiting in the outbox. A result the server refuses for good (400, 404) is kept in
     * {@code outbox/rejected}; one the server keeps failing on (5xx but 503) is retried at the next rounds and, after
     * {@value #MAX_RESULT_ATTEMPTS} failures in a row, kept there too: no result ever stops the agent checking in.
     * Auth failures and an unreachable server still end the round (the check-in would fail as well).
     */
    private void flushOutbox() throws IOException, InterruptedException {
        for (CommandResultDTO result : outbox.pending()) {
            String id = result.commandId;
            try {
                agentCall(Routes.results(state.agentId), result, io.redflag.protocol.ResultAckDTO.class, true);
                failedSends.remove(id);
            } catch (ServerClient.ServerException e) {
                if (e.noRoute()) {
                    // the server is still assembling its API (or is older): nothing was refused, try again next round
                    LOG.info("the server does not serve results yet ({}); will retry", e.getMessage());
                    return;
                }
                if (e.status == 404 || e.status == 400) {
                    // the server will never take this one (unknown command, or a body it rejects)
                    quarantine(result, "server rejected it: " + e.getMessage());
                } else if (e.status >= 500 && e.status != 503) {
                    // a 503 is the server's database being away: back off, keep everything; anything else
                    // 5xx is the server failing on this very result
                    int attempts = failedSends.merge(id, 1, Integer::sum);
                    if (attempts >= MAX_RESULT_ATTEMPTS) {
                        quarantine(result, "server failed on it " + attempts + " times: " + e.getMessage());
                    } else {
                        LOG.warn("server failed to take the result of command {} ({}); will retry", id, e.getMessage());
                        return; // check in anyway; the outbox is tried again next round
                    }
                } else {
                    throw e;
                }
                continue; // set aside, not acknowledged
            }
            outbox.acknowledged(id);
        }
    }

    private void quarantine(CommandResultDTO result, String why) throws IOException {
        outbox.quarantine(result, why);
        failedSends.remove(result.commandId);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
