package io.opsplane.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the event path of a running platform: outbox commit in pipeline-service → relay → Kafka →
 * observability-service's idempotent consumer → timeline row.
 *
 * <ol>
 *   <li>Latency at a steady rate: {@code --rate} transactions per second for {@code --seconds}, each
 *   committing one outbox row into pipeline-service's database (as the service's own use cases do);
 *   the relay is woken by the commit notification. The latency of an event is its timeline
 *   {@code recorded_at} minus its {@code ce_time}, taken in the transaction just before the commit.</li>
 *   <li>Maximum sustained throughput: {@code --burst} committed outbox rows at once (one transaction,
 *   as many services committing at the same moment would leave them), then the time until the last
 *   one is on the timeline.</li>
 *   <li>The RegisterPipeline use case itself over gRPC (state change plus outbox row in one
 *   transaction), 64 calls in flight for {@code --seconds}: registrations per second and the event
 *   latency under that load.</li>
 * </ol>
 * Prints a Markdown table.
 */
public final class EventPathBench {

    private EventPathBench() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        // Warm-up, not reported: JIT compilation, connection pools and consumer group assignment settle.
        commitAtRate(a, "bench-warmup-" + UUID.randomUUID(), Math.max(1, a.seconds / 6));
        steadyRate(a);
        burst(a);
        registrations(a);
    }

    // Only PipelineRegistered is counted on the timeline: the audit records of the same calls travel the
    // same path with the same correlation id.

    /** A row as pipeline-service's own outbox holds it: consumers accept only the topic owner's events. */
    private static final String INSERT_ONE = """
            INSERT INTO outbox_event (event_id, topic, event_type, source, subject, event_time, correlation_id, data)
            VALUES (gen_random_uuid()::text, 'opsplane.pipeline.events', 'opsplane.events.v1.PipelineRegistered',
                    'opsplane/pipeline-service', ?, clock_timestamp(), ?, ?)""";

    private static void steadyRate(Args a) throws Exception {
        String correlation = "bench-steady-" + UUID.randomUUID();
        long total = (long) a.rate * a.seconds;
        double sendSeconds = commitAtRate(a, correlation, a.seconds);
        row("steady rate offered", String.format(Locale.ROOT, "%d commits/s for %d s (%.0f/s achieved)", a.rate,
                a.seconds, total / sendSeconds));
        latency(a, correlation, total, "steady");
    }

    /** Commits {@code rate × seconds} outbox rows, one per transaction, at the rate; returns the seconds taken. */
    private static double commitAtRate(Args a, String correlation, int seconds) throws Exception {
        int writers = 8;
        long total = (long) a.rate * seconds;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / a.rate;
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread writer = new Thread(() -> {
                try (Connection db = DriverManager.getConnection(a.pipelineDb, a.user, a.password);
                        PreparedStatement insert = db.prepareStatement(INSERT_ONE)) {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long wait = start + i * intervalNanos - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        String subject = "steady-" + (i % 64);
                        insert.setString(1, subject);
                        insert.setString(2, correlation);
                        insert.setString(3, "{\"pipelineName\":\"" + subject + "\",\"version\":" + i + "}");
                        insert.executeUpdate();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    e.printStackTrace();
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread writer : threads) {
            writer.join();
        }
        if (failed.get() > 0) {
            row("warning", failed.get() + " writers failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void latency(Args a, String correlation, long expected, String label) throws Exception {
        try (Connection timeline = DriverManager.getConnection(a.observabilityDb, a.user, a.password)) {
            awaitCount(timeline, correlation, expected, Duration.ofSeconds(120));
            try (PreparedStatement q = timeline.prepareStatement("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms),
                           max(ms), count(*)
                    FROM (SELECT extract(epoch FROM recorded_at - event_time) * 1000 AS ms
                          FROM timeline_event WHERE correlation_id = ? AND event_type = 'opsplane.events.v1.PipelineRegistered') latencies""")) {
                q.setString(1, correlation);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    row(label + ": events on the timeline", r.getLong(4) + " of " + expected);
                    row(label + ": commit → timeline latency p50", String.format(Locale.ROOT, "%.1f ms", r.getDouble(1)));
                    row(label + ": commit → timeline latency p99", String.format(Locale.ROOT, "%.1f ms", r.getDouble(2)));
                    row(label + ": commit → timeline latency max", String.format(Locale.ROOT, "%.1f ms", r.getDouble(3)));
                }
            }
        }
    }

    private static void registrations(Args a) throws Exception {
        String correlation = "bench-register-" + UUID.randomUUID();
        ManagedChannel channel = ManagedChannelBuilder.forTarget(a.pipelineGrpc).usePlaintext().build();
        Metadata baggage = new Metadata();
        baggage.put(Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER), "opsplane.correlation_id=" + correlation);
        baggage.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + a.token());
        PipelineServiceGrpc.PipelineServiceFutureStub stub = PipelineServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(baggage));
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(64);
        String run = UUID.randomUUID().toString().substring(0, 6);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(a.seconds);
        for (long i = 0; System.nanoTime() < end; i++) {
            inFlight.acquire();
            RegisterPipelineRequest request = RegisterPipelineRequest.newBuilder().setName("bench-" + run + "-" + i)
                    .setDefinition("build:\n  script: make " + i + "\n").build();
            Futures.addCallback(stub.withDeadlineAfter(30, TimeUnit.SECONDS).registerPipeline(request),
                    new FutureCallback<RegisterPipelineResponse>() {
                        @Override
                        public void onSuccess(RegisterPipelineResponse result) {
                            ok.incrementAndGet();
                            inFlight.release();
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            failed.incrementAndGet();
                            inFlight.release();
                        }
                    }, MoreExecutors.directExecutor());
        }
        inFlight.acquire(64);
        double seconds = (System.nanoTime() - start) / 1e9;
        channel.shutdownNow();
        row("RegisterPipeline over gRPC, 64 in flight", String.format(Locale.ROOT, "%.0f registrations/s (%d ok, %d failed)",
                ok.get() / seconds, ok.get(), failed.get()));
        latency(a, correlation, ok.get(), "under registration load");
    }
    private static void burst(Args a) throws Exception {
        String correlation = "bench-burst-" + UUID.randomUUID();
        Instant committed;
        try (Connection pipeline = DriverManager.getConnection(a.pipelineDb, a.user, a.password)) {
            pipeline.setAutoCommit(false);
            try (PreparedStatement insert = pipeline.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_type, source, subject, event_time, correlation_id, data)
                    SELECT gen_random_uuid()::text, 'opsplane.pipeline.events', 'opsplane.events.v1.PipelineRegistered',
                           'opsplane/pipeline-service', 'burst-' || (n % 64), clock_timestamp(), ?,
                           '{"pipelineName":"burst-' || (n % 64) || '","version":' || n || '}'
                    FROM generate_series(1, ?) AS n""")) {
                insert.setString(1, correlation);
                insert.setInt(2, a.burst);
                insert.executeUpdate();
            }
            pipeline.commit();
            committed = Instant.now();
        }
        try (Connection timeline = DriverManager.getConnection(a.observabilityDb, a.user, a.password)) {
            awaitCount(timeline, correlation, a.burst, Duration.ofSeconds(300));
            try (PreparedStatement q = timeline.prepareStatement("""
                    SELECT count(*), min(recorded_at), max(recorded_at) FROM timeline_event WHERE correlation_id = ?
                      AND event_type = 'opsplane.events.v1.PipelineRegistered'""")) {
                q.setString(1, correlation);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    long count = r.getLong(1);
                    Instant first = r.getTimestamp(2).toInstant();
                    Instant last = r.getTimestamp(3).toInstant();
                    double endToEnd = Duration.between(committed, last).toMillis() / 1000.0;
                    double flowing = Duration.between(first, last).toMillis() / 1000.0;
                    row("burst", count + " committed outbox rows");
                    row("burst: commit → last on the timeline", String.format(Locale.ROOT, "%.2f s (%.0f events/s)",
                            endToEnd, count / endToEnd));
                    row("burst: sustained rate while flowing", String.format(Locale.ROOT, "%.0f events/s",
                            count / Math.max(flowing, 0.001)));
                }
            }
        }
    }

    private static void awaitCount(Connection timeline, String correlation, long expected, Duration timeout)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (PreparedStatement q = timeline.prepareStatement("SELECT count(*) FROM timeline_event WHERE correlation_id = ?"
                + " AND event_type = 'opsplane.events.v1.PipelineRegistered'")) {
            q.setString(1, correlation);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    if (r.getLong(1) >= expected) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        System.out.println("| warning | timed out waiting for " + expected + " events of " + correlation + " |");
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }

    /**
     * Command line: --pipeline-grpc host:port --pipeline-db URL --observability-db URL --user --rate --seconds --burst.
     * The database login is the launcher's: OPSPLANE_DB_USER and OPSPLANE_DB_PASSWORD when set, else role
     * {@code opsplane} with the password in {@code $OPSPLANE_HOME/secrets/db-password} (never on the command line).
     * gRPC calls carry the admin token of {@code $OPSPLANE_HOME/admin-token}.
     */
    record Args(String pipelineGrpc, String pipelineDb, String observabilityDb, String user, String password, int rate,
            int seconds, int burst, String token) {
        static Args parse(String[] args) throws java.io.IOException {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            if (m.containsKey("password")) {
                throw new IllegalArgumentException("--password is not accepted: a command line is readable by every user;"
                        + " set OPSPLANE_DB_PASSWORD instead");
            }
            return new Args(m.getOrDefault("pipeline-grpc", "127.0.0.1:9081"),
                    m.getOrDefault("pipeline-db", "jdbc:postgresql://127.0.0.1:5432/opsplane_pipeline"),
                    m.getOrDefault("observability-db", "jdbc:postgresql://127.0.0.1:5432/opsplane_observability"),
                    m.getOrDefault("user", env("OPSPLANE_DB_USER", "opsplane")), readPassword(),
                    Integer.parseInt(m.getOrDefault("rate", "1000")), Integer.parseInt(m.getOrDefault("seconds", "30")),
                    Integer.parseInt(m.getOrDefault("burst", "50000")), readToken());
        }

        /** The registrations call as the platform's admin: the token the launcher wrote. */
        private static String readToken() throws java.io.IOException {
            java.nio.file.Path file = java.nio.file.Paths.get(env("OPSPLANE_HOME", ".opsplane"), "admin-token");
            if (!java.nio.file.Files.isReadable(file)) {
                throw new IllegalStateException("no admin token in " + file + ": start the platform with this OPSPLANE_HOME");
            }
            return java.nio.file.Files.readString(file).strip();
        }

        private static String readPassword() throws java.io.IOException {
            String password = System.getenv("OPSPLANE_DB_PASSWORD");
            if (password != null && !password.isEmpty()) {
                return password;
            }
            String home = env("OPSPLANE_HOME", ".opsplane");
            java.nio.file.Path file = java.nio.file.Paths.get(home, "secrets", "db-password");
            if (!java.nio.file.Files.isReadable(file)) {
                throw new IllegalStateException("no database password: set OPSPLANE_DB_PASSWORD, or run ./opsplane infra up"
                        + " with this OPSPLANE_HOME to write " + file);
            }
            return java.nio.file.Files.readString(file).strip();
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
