// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.redflag.protocol.PublicKeyDTO;
import io.redflag.protocol.RegistrationTokenDTO;
import io.redflag.protocol.RegistrationTokenRequestDTO;
import io.redflag.protocol.Routes;
import io.redflag.protocol.json.ProtocolJson;
import io.redflag.signing.SignatureException;
import io.redflag.signing.SignatureVerifier;
import io.redflag.signing.internal.Ed25519Verifier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many virtual agents in one JVM against a real server: each registers with a key of its own, checks in, accepts its
 * first scan only once the signature, addressee and time check out, answers it with a real scan report, and then the
 * fleet checks in round-robin (renewing tokens as they near their end) for a warm-up and a measured phase.
 */
public final class LoadSimulator {

    private final Options options;
    private final Wire wire;
    private final SignatureVerifier verifier = new Ed25519Verifier();

    LoadSimulator(Options options) {
        this.options = options;
        this.wire = new Wire(options.server());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("redflag-loadsim: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        SimulationReport report;
        try {
            report = new LoadSimulator(options).run(line -> {
                System.out.println(line);
                System.out.flush();
            });
        } catch (SetupException e) {
            System.err.println("redflag-loadsim: " + e.getMessage());
            System.exit(1);
            return;
        }
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.write(options.out(), ProtocolJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report));
        System.out.println(summary(report) + " -> " + options.out());
        System.exit(report.errors == 0 ? 0 : 1);
    }

    /**
     * Runs a simulation as the command line would, without writing the report or exiting: for tests and tools.
     *
     * @throws IllegalArgumentException for arguments the command line refuses (the message says which)
     * @throws IllegalStateException when the run could not begin (the server unreachable, the token refused)
     */
    public static SimulationReport simulate(java.util.function.Consumer<String> progress, String... args)
            throws InterruptedException {
        try {
            return new LoadSimulator(Options.parse(args)).run(progress);
        } catch (Options.UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (SetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The run could not begin: the server unreachable, the operator token refused… */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    /**
     * Runs every phase; {@code progress} hears a line as each begins and ends ({@code [measured] begins: …}), at once,
     * so that a script can sample the server's CPU at those moments.
     */
    SimulationReport run(java.util.function.Consumer<String> progress) throws SetupException, InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String serverKey = serverKey();
        String seat = registrationToken(options.agents());
        Simulation sim = new Simulation(wire, verifier, serverKey, options.scanners(),
                ScanResults.withUpdates(options.updates()), options.renewBefore());
        List<VirtualAgent> agents = new ArrayList<>();
        for (int i = 1; i <= options.agents(); i++) {
            agents.add(new VirtualAgent(i, run));
        }
        SimulationReport report = new SimulationReport();
        report.server = options.server().toString();
        report.agents = options.agents();
        report.concurrency = options.concurrency();
        report.scanners = options.scanners();
        report.updatesPerResult = options.updates();
        long cpuBefore = cpuNanos();

        progress.accept("[register] begins: " + agents.size() + " agents, each with a key of its own, "
                + options.registerConcurrency() + " at once");
        Simulation.Phase register = new Simulation.Phase();
        double secs = once(agents, options.registerConcurrency(), a -> sim.register(a, seat, register));
        report.phases.put("register", phase(register, secs));
        List<VirtualAgent> registered = agents.stream().filter(VirtualAgent::registered).toList();
        progress.accept("[register] ends: " + registered.size() + " registered in " + Math.round(secs * 1000) + " ms");
        if (registered.isEmpty()) {
            report.unreadableAnswers = sim.unreadable.get();
            report.errors = errors(report) + report.unreadableAnswers;
            return report;
        }

        if (!options.scanners().isEmpty()) {
            progress.accept("[first-scan] begins: each agent checks in, verifies its scan command and sends "
                    + options.updates() + " updates");
            Simulation.Phase first = new Simulation.Phase();
            secs = once(registered, options.concurrency(), a -> sim.round(a, first));
            SimulationReport.Phase p = phase(first, secs);
            report.phases.put("first-scan", p);
            SimulationReport.Route results = p.routes.get(Simulation.RESULTS);
            if (results != null) {
                report.resultsPerSecond = results.perSecond;
                report.resultsP50Ms = results.p50Ms;
                report.resultsP99Ms = results.p99Ms;
            }
            progress.accept("[first-scan] ends: " + (results == null ? 0 : results.requests - results.errors)
                    + " results in " + Math.round(secs * 1000) + " ms (" + report.resultsPerSecond + "/s)");
        }
        if (!options.warmup().isZero()) {
            progress.accept("[warm-up] begins: " + options.warmup().toSeconds() + " s of check-ins (not measured)");
            Simulation.Phase warm = new Simulation.Phase();
            secs = during(registered, options.warmup(), a -> sim.round(a, warm));
            report.phases.put("warm-up", phase(warm, secs));
            progress.accept("[warm-up] ends");
        }
        progress.accept("[measured] begins: " + options.duration().toSeconds() + " s of check-ins, "
                + options.concurrency() + " in flight, round-robin over " + registered.size() + " agents");
        Simulation.Phase measured = new Simulation.Phase();
        secs = during(registered, options.duration(), a -> sim.round(a, measured));
        progress.accept("[measured] ends");
        SimulationReport.Phase m = phase(measured, secs);
        report.phases.put("measured", m);
        SimulationReport.Route checkIns = m.routes.get(Simulation.CHECK_IN);
        if (checkIns != null) {
            report.checkinsPerSecond = checkIns.perSecond;
            report.p50Ms = checkIns.p50Ms;
            report.p90Ms = checkIns.p90Ms;
            report.p99Ms = checkIns.p99Ms;
        }
        report.commands = sim.commands;
        report.tokenRenewals = sim.renewals.get();
        int sent = Math.max(1, sim.requests.get());
        report.clientCpuMsPerRequest = Math.round((cpuNanos() - cpuBefore) / 1e6 / sent * 1000) / 1000.0;
        report.unreadableAnswers = sim.unreadable.get();
        report.errors = errors(report) + report.unreadableAnswers;
        report.date = Instant.now().toString();
        return report;
    }

    static String summary(SimulationReport r) {
        return String.format("%d agents: %.0f check-ins/s (p50 %.1f ms, p99 %.1f ms), %.0f results/s of %d updates "
                + "(p99 %.1f ms), %d errors, %d commands verified, %d token renewals", r.agents, r.checkinsPerSecond,
                r.p50Ms, r.p99Ms, r.resultsPerSecond, r.updatesPerResult, r.resultsP99Ms, r.errors, r.commands.accepted,
                r.tokenRenewals);
    }

    /** A step of one agent; what it returns is not needed here. */
    @FunctionalInterface
    interface Step {
        Object on(VirtualAgent agent) throws IOException, InterruptedException;
    }

    /** Each agent once, {@code concurrency} at a time; seconds taken. */
    private static double once(List<VirtualAgent> agents, int concurrency, Step step) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return workers(concurrency, () -> {
            for (int i = next.getAndIncrement(); i < agents.size(); i = next.getAndIncrement()) {
                attempt(agents.get(i), step);
            }
        });
    }

    /** Agents round-robin, {@code concurrency} at a time (one exchange per agent at once), for {@code length}. */
    private double during(List<VirtualAgent> agents, Duration length, Step step) throws InterruptedException {
        long until = System.nanoTime() + length.toNanos();
        AtomicLong next = new AtomicLong();
        int n = agents.size();
        return workers(options.concurrency(), () -> {
            while (System.nanoTime() < until) {
                VirtualAgent a = agents.get((int) (next.getAndIncrement() % n));
                if (a.tryAcquire()) {
                    try {
                        attempt(a, step);
                    } finally {
                        a.release();
                    }
                }
            }
        });
    }

    private static void attempt(VirtualAgent agent, Step step) throws InterruptedException {
        try {
            step.on(agent);
        } catch (IOException e) {
            // an answer that could not be read (counted by the simulation as an error); say which
            System.err.println("agent " + agent.machineId + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws InterruptedException;
    }

    private static double workers(int count, Work work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(pool.submit(() -> {
                work.run();
                return null;
            }));
        }
        try {
            for (Future<?> f : all) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a simulated agent failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static SimulationReport.Phase phase(Simulation.Phase phase, double seconds) {
        SimulationReport.Phase p = new SimulationReport.Phase();
        p.seconds = Math.round(seconds * 1000) / 1000.0;
        phase.routes.forEach((route, stats) -> p.routes.put(route, stats.report(seconds)));
        return p;
    }

    private static int errors(SimulationReport r) {
        return r.phases.values().stream().flatMap(p -> p.routes.values().stream()).mapToInt(x -> x.errors).sum();
    }

    /** The server's public key, which every virtual agent pins as the real one does at registration. */
    private String serverKey() throws SetupException, InterruptedException {
        Wire.Answer a = setup(() -> wire.get(Routes.PUBLIC_KEY, Map.of()), "GET " + Routes.PUBLIC_KEY);
        try {
            PublicKeyDTO key = ProtocolJson.mapper().readValue(a.body(), PublicKeyDTO.class);
            verifier.keyId(key.publicKey);
            return key.publicKey;
        } catch (IOException | SignatureException e) {
            throw new SetupException("the server's public key is unusable: " + e.getMessage());
        }
    }

    /** A registration token with one seat per agent, made with the operator's token. */
    private String registrationToken(int seats) throws SetupException, InterruptedException {
        String operator;
        try {
            operator = Files.readString(options.operatorTokenFile()).trim();
        } catch (NoSuchFileException e) {
            throw new SetupException("no operator token file at " + options.operatorTokenFile());
        } catch (IOException e) {
            throw new SetupException("cannot read " + options.operatorTokenFile() + ": " + e.getMessage());
        }
        RegistrationTokenRequestDTO req = new RegistrationTokenRequestDTO();
        req.seats = seats;
        req.expiresInSeconds = 3600L;
        req.note = "load simulator";
        Wire.Answer a = setup(() -> wire.post(Routes.BASE + "/registration-tokens",
                ProtocolJson.mapper().writeValueAsBytes(req), Map.of("Authorization", "Bearer " + operator)),
                "creating a registration token");
        try {
            return ProtocolJson.mapper().readValue(a.body(), RegistrationTokenDTO.class).token;
        } catch (IOException e) {
            throw new SetupException("the registration token answer is unreadable: " + e.getMessage());
        }
    }

    private Wire.Answer setup(Simulation.Exchange exchange, String what) throws SetupException, InterruptedException {
        Wire.Answer a;
        try {
            a = exchange.send();
        } catch (IOException e) {
            throw new SetupException(what + ": the server at " + options.server() + " did not answer: " + e.getMessage());
        }
        if (!a.ok()) {
            throw new SetupException(what + ": HTTP " + a.status() + ": " + a.text());
        }
        return a;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
