// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.redflag.binding.BindingHeaders;
import io.redflag.protocol.AgentAction;
import io.redflag.protocol.CheckInRequestDTO;
import io.redflag.protocol.CheckInResponseDTO;
import io.redflag.protocol.CommandResultDTO;
import io.redflag.protocol.ErrorDTO;
import io.redflag.protocol.ProtocolHeaders;
import io.redflag.protocol.RefreshRequestDTO;
import io.redflag.protocol.RegisterRequestDTO;
import io.redflag.protocol.RegisterResponseDTO;
import io.redflag.protocol.ResultStatus;
import io.redflag.protocol.Routes;
import io.redflag.protocol.TokenPairDTO;
import io.redflag.protocol.json.ProtocolJson;
import io.redflag.scanner.ScanReportDTO;
import io.redflag.signing.CommandAcceptance;
import io.redflag.signing.SignatureVerifier;
import io.redflag.signing.SignedCommandDTO;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The protocol as the agent runtime speaks it, for one virtual agent at a time: register with a proof of its own
 * key, check in, accept only commands the pinned server key signed for it within the window (the agent's own rule,
 * {@link CommandAcceptance}), answer scans with a realistic report under a proof, and renew its tokens before they
 * lapse. Every exchange is timed into the phase's {@link Phase} under its route's name.
 */
final class Simulation {

    static final String REGISTER = "register";
    static final String CHECK_IN = "check-in";
    static final String RESULTS = "results";
    static final String TOKEN = "token";
    static final String AGENT_VERSION = "0.1.0";

    /** The timed figures of one phase, by route. */
    static final class Phase {
        final Map<String, RouteStats> routes = new ConcurrentHashMap<>();

        RouteStats route(String name) {
            return routes.computeIfAbsent(name, n -> new RouteStats());
        }
    }

    private final Wire wire;
    private final SignatureVerifier verifier;
    private final String serverKey;
    private final List<String> scanners;
    private final ScanReportDTO report;
    private final Duration renewBefore;
    final SimulationReport.Commands commands = new SimulationReport.Commands();
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    /** 2xx answers whose body was not the protocol's (a broken server): each is an error. */
    final AtomicInteger unreadable = new AtomicInteger();

    Simulation(Wire wire, SignatureVerifier verifier, String serverKey, List<String> scanners, ScanReportDTO report,
            Duration renewBefore) {
        this.wire = wire;
        this.verifier = verifier;
        this.serverKey = serverKey;
        this.scanners = scanners;
        this.report = report;
        this.renewBefore = renewBefore;
    }

    /** Registers the agent with a seat of {@code registrationToken}; false (and the failure recorded) when refused. */
    boolean register(VirtualAgent agent, String registrationToken, Phase phase) throws IOException, InterruptedException {
        RegisterRequestDTO req = new RegisterRequestDTO();
        req.registrationToken = registrationToken;
        req.machineId = agent.machineId;
        req.hostname = agent.machineId;
        req.osFamily = "linux";
        req.osVersion = "Debian GNU/Linux 12 (bookworm)";
        req.architecture = "x86_64";
        req.agentVersion = AGENT_VERSION;
        req.scanners = scanners;
        byte[] body = json(req);
        Wire.Answer a = timed(phase, REGISTER, () -> wire.post(Routes.REGISTER, body,
                Map.of(BindingHeaders.PROOF, agent.key.prove("POST", wire.path(Routes.REGISTER), body, null))));
        if (a == null) {
            return false;
        }
        RegisterResponseDTO r = read(a, RegisterResponseDTO.class);
        agent.agentId = r.agentId;
        agent.tokens(r.accessToken, r.accessTokenExpiresIn, r.refreshToken);
        return true;
    }

    /**
     * One round of the agent's loop: renew the tokens when they are about to lapse, check in, and run (answer) what
     * the server handed out. The number of results the server acknowledged.
     */
    int round(VirtualAgent agent, Phase phase) throws IOException, InterruptedException {
        if (System.nanoTime() > agent.accessExpiresAt - renewBefore.toNanos() && !renew(agent, phase)) {
            return 0;
        }
        CheckInRequestDTO req = new CheckInRequestDTO();
        req.agentVersion = AGENT_VERSION;
        req.scanners = scanners;
        req.accepts = Arrays.asList(AgentAction.values());
        req.appliedDesiredState = agent.desiredState;
        req.platform = "linux-amd64";
        Wire.Answer a = timed(phase, CHECK_IN, () -> wire.post(Routes.checkIn(agent.agentId), json(req), bearer(agent)));
        if (a == null) {
            return 0;
        }
        CheckInResponseDTO answer = read(a, CheckInResponseDTO.class);
        agent.desiredState = answer.desiredState;
        int acknowledged = 0;
        for (SignedCommandDTO cmd : answer.commands == null ? List.<SignedCommandDTO>of() : answer.commands) {
            acknowledged += run(agent, cmd, phase);
        }
        return acknowledged;
    }

    private int run(VirtualAgent agent, SignedCommandDTO cmd, Phase phase) throws IOException, InterruptedException {
        synchronized (commands) {
            commands.received++;
        }
        String refusal = CommandAcceptance.refusal(verifier, serverKey, agent.agentId, cmd, Instant.now());
        if (refusal != null) {
            synchronized (commands) {
                commands.refused.merge(refusal.replaceAll(":.*", ""), 1, Integer::sum);
            }
            phase.route("command").failed("refused", refusal);
            return 0;
        }
        boolean again = !agent.executed.add(cmd.id);
        synchronized (commands) {
            if (again) {
                commands.redelivered++;
            } else {
                commands.accepted++;
            }
        }
        CommandResultDTO result = new CommandResultDTO();
        result.commandId = cmd.id;
        if (SignedCommandDTO.TYPE_SCAN.equals(cmd.type)) {
            result.status = ResultStatus.COMPLETED;
            result.scan = report;
        } else {
            result.status = ResultStatus.REFUSED;
            result.message = "the load simulator runs scans only, not " + cmd.type;
        }
        byte[] body = json(result);
        String route = Routes.results(agent.agentId);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + agent.accessToken,
                ProtocolHeaders.MACHINE_ID, agent.machineId,
                BindingHeaders.PROOF, agent.key.prove("POST", wire.path(route), body, agent.accessToken));
        return timed(phase, RESULTS, () -> wire.post(route, body, headers)) == null ? 0 : 1;
    }

    /** Exchanges the refresh token for a new pair, under a proof, as the agent does before its access token lapses. */
    boolean renew(VirtualAgent agent, Phase phase) throws IOException, InterruptedException {
        RefreshRequestDTO req = new RefreshRequestDTO();
        req.refreshToken = agent.refreshToken;
        byte[] body = json(req);
        Wire.Answer a = timed(phase, TOKEN, () -> wire.post(Routes.TOKEN, body, Map.of(ProtocolHeaders.MACHINE_ID, agent.machineId,
                BindingHeaders.PROOF, agent.key.prove("POST", wire.path(Routes.TOKEN), body, null))));
        if (a == null) {
            return false;
        }
        TokenPairDTO pair = read(a, TokenPairDTO.class);
        agent.tokens(pair.accessToken, pair.accessTokenExpiresIn, pair.refreshToken);
        renewals.incrementAndGet();
        return true;
    }

    private static Map<String, String> bearer(VirtualAgent agent) {
        return Map.of("Authorization", "Bearer " + agent.accessToken, ProtocolHeaders.MACHINE_ID, agent.machineId);
    }

    /** One exchange with the server. */
    @FunctionalInterface
    interface Exchange {
        Wire.Answer send() throws IOException, InterruptedException;
    }

    /**
     * Makes the exchange and records it under {@code route}: the answer when it is 2xx; null, and the failure (its
     * status, or "io" when no answer came), otherwise.
     */
    private Wire.Answer timed(Phase phase, String route, Exchange exchange) throws InterruptedException {
        requests.incrementAndGet();
        Wire.Answer a;
        try {
            a = exchange.send();
        } catch (IOException e) {
            phase.route(route).failed("io", String.valueOf(e.getMessage()));
            return null;
        }
        if (a.ok()) {
            phase.route(route).answered(a.nanos());
            return a;
        }
        String detail;
        try {
            ErrorDTO e = ProtocolJson.mapper().readValue(a.body(), ErrorDTO.class);
            detail = e.error + (e.detail == null ? "" : ": " + e.detail);
        } catch (IOException | RuntimeException e) {
            detail = a.text();
        }
        phase.route(route).failed(Integer.toString(a.status()), detail);
        return null;
    }

    private static byte[] json(Object dto) {
        try {
            return ProtocolJson.mapper().writeValueAsBytes(dto);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a protocol DTO always serializes", e);
        }
    }

    private <T> T read(Wire.Answer a, Class<T> type) throws IOException {
        try {
            return ProtocolJson.mapper().readValue(a.body(), type);
        } catch (JsonProcessingException e) {
            unreadable.incrementAndGet();
            throw new IOException("the server's answer is not a " + type.getSimpleName() + ": "
                    + ProtocolJson.describe(e).getMessage());
        }
    }
}
