// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.redflag.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's metrics, in Prometheus' text format ({@code GET /metrics}): requests per route (rate, latency, status),
 * the fleet (agents online, offline, revoked; open commands by state — read from the database every 10 s, not per
 * scrape), the connection pool, and the JVM. Each node reports its own; Prometheus adds them up.
 */
@Component(service = ServerMetrics.class, configurationPid = "io.redflag.server")
public final class ServerMetrics {

    /** Its part of the server's configuration (pid {@code io.redflag.server}, which other components share). */
    public @interface Config {
        /** A port of its own for GET /metrics, without a token; 0: none (/metrics on the API's port only). */
        int metrics_port() default 0;

        /** The address the metrics port listens on. */
        String metrics_host() default "127.0.0.1";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
    /** How often the fleet's figures are read from the database. */
    static final long FLEET_SECONDS = 10;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Database db;
    private final Map<String, AtomicLong> fleet = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final com.sun.net.httpserver.HttpServer port;

    @Activate
    public ServerMetrics(@Reference Database db, Config config) throws java.io.IOException {
        this.db = db;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (String state : new String[] {"online", "offline", "revoked"}) {
            // an agent being rebound counts by when it was last seen, like an active one
            gauge("redflag.agents", "Agents by state (online: checked in within three poll intervals)", "state", state);
        }
        for (String status : new String[] {"pending", "delivered"}) {
            gauge("redflag.commands.open", "Commands not answered yet, by state", "status", status);
        }
        pool(db.dataSource());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redflag-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::readFleet, 0, FLEET_SECONDS, TimeUnit.SECONDS);
        port = config.metrics_port() > 0 ? metricsPort(config.metrics_host(), config.metrics_port()) : null;
    }

    /** GET /metrics on a port of its own, without a token: for a scraper the operator put where it can reach only it. */
    private com.sun.net.httpserver.HttpServer metricsPort(String host, int number) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(host, number), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean get = "GET".equals(exchange.getRequestMethod());
                boolean path = "/metrics".equals(exchange.getRequestURI().getPath());
                byte[] body = (get && path ? scrape() : path ? "only GET /metrics here\n" : "only /metrics here\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", get && path ? MetricsResource.TEXT_FORMAT
                        : "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(get && path ? 200 : path ? 405 : 404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(timer);
        server.start();
        LOG.info("metrics on http://{}:{}/metrics (no token)", host, server.getAddress().getPort());
        return server;
    }

    @Deactivate
    void stop() {
        if (port != null) {
            port.stop(0);
        }
        timer.shutdownNow();
        gc.close();
        registry.close();
    }

    private void gauge(String name, String help, String tag, String value) {
        AtomicLong holder = fleet.computeIfAbsent(name + "/" + value, k -> new AtomicLong());
        Gauge.builder(name, holder, AtomicLong::get).description(help).tag(tag, value).register(registry);
    }

    /** The pool's connections when it is HikariCP's (active, idle, waiting threads, total). */
    private void pool(DataSource ds) {
        HikariPoolMXBean pool;
        try {
            pool = ds instanceof HikariDataSource h ? h.getHikariPoolMXBean() : null;
        } catch (RuntimeException e) {
            pool = null;
        }
        if (pool == null) {
            return;
        }
        HikariPoolMXBean p = pool;
        Map<String, Supplier<Number>> states = Map.of("active", p::getActiveConnections, "idle", p::getIdleConnections,
                "pending", p::getThreadsAwaitingConnection, "total", p::getTotalConnections);
        states.forEach((state, value) -> Gauge.builder("redflag.db.pool.connections", value, v -> v.get().doubleValue())
                .description("Database connections of this node's pool; pending: threads waiting for one")
                .tag("state", state).register(registry));
    }

    private void readFleet() {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN status = 'revoked' THEN status "
                        + "WHEN last_seen_at > now() - make_interval(secs => ?) THEN 'online' ELSE 'offline' END, count(*) "
                        + "FROM agents GROUP BY 1")) {
                    ps.setLong(1, 3L * io.redflag.protocol.Polling.DEFAULT_INTERVAL_SECONDS);
                    set("redflag.agents", new String[] {"online", "offline", "revoked"}, ps.executeQuery());
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM commands "
                        + "WHERE status IN ('pending', 'delivered') GROUP BY 1")) {
                    set("redflag.commands.open", new String[] {"pending", "delivered"}, ps.executeQuery());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("fleet figures not read: {}", e.getMessage());
        }
    }

    private void set(String name, String[] values, ResultSet rs) throws java.sql.SQLException {
        Map<String, Long> read = new java.util.HashMap<>();
        try (rs) {
            while (rs.next()) {
                read.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (String v : values) {
            fleet.get(name + "/" + v).set(read.getOrDefault(v, 0L));
        }
    }

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    /** Records one answered request: its method, the route it matched (its template, never the raw path) and status. */
    void request(String method, String route, int status, long nanos) {
        String key = method + " " + route + " " + status;
        timers.computeIfAbsent(key, k -> Timer.builder("redflag.http.server.requests")
                .description("Requests answered, by method, route template and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                // a few fixed buckets (histogram_quantile in Prometheus): cheap to record, unlike client-side percentiles
                .serviceLevelObjectives(BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Check-ins answered by the check-in lane (nothing new, nothing waiting: one read), before the JAX-RS runtime. */
    static final String FAST_LANE = "fast";
    /** Check-ins answered by their JAX-RS route (something new or waiting, or anything the lane was not sure of). */
    static final String ROUTE_LANE = "route";

    private final Map<String, io.micrometer.core.instrument.Counter> checkIns = new ConcurrentHashMap<>();

    /** Counts one check-in answered 200, by the lane that answered it. */
    void checkIn(String lane) {
        checkIns.computeIfAbsent(lane, l -> io.micrometer.core.instrument.Counter.builder("redflag.checkins")
                .description("Check-ins answered, by lane: fast (nothing new, nothing waiting: one read, before the JAX-RS "
                        + "runtime) or route").tag("lane", l).register(registry)).increment();
    }

    /** Everything, in the Prometheus text format 0.0.4. */
    String scrape() {
        return registry.scrape();
    }
}
