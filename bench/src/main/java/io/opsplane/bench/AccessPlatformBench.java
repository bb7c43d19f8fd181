package io.opsplane.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opsplane.security.audit.AuditHashing;
import io.opsplane.security.audit.AuditRecord;
import io.opsplane.security.ledger.AuditLedger;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.proto.security.v1.AccessDecision;
import io.opsplane.proto.security.v1.AccessServiceGrpc;
import io.opsplane.proto.security.v1.AuditServiceGrpc;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.CheckAccessBatchRequest;
import io.opsplane.proto.security.v1.CheckAccessBatchResponse;
import io.opsplane.proto.security.v1.CheckAccessRequest;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.proto.security.v1.VerifyAuditRequest;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access control on a running platform: CheckAccess over gRPC with 10,000 bindings in the database,
 * called as the gateway calls it (a relayed principal assertion); the audit ledger's append rate
 * through the real path (a service's outbox, Kafka, security-service's transaction per batch); and
 * VerifyAudit over the whole ledger read from PostgreSQL. Prints Markdown rows.
 */
public final class AccessPlatformBench {

    private static final int BINDINGS = 10_000;
    private static final int AUDIT_RECORDS = 20_000;
    private static final int BATCH = 100;
    private static final long LEDGER_RECORDS = 1_000_000;

    private AccessPlatformBench() {
    }

    public static void main(String[] args) throws Exception {
        EventPathBench.Args a = EventPathBench.Args.parse(args);
        String securityGrpc = argument(args, "security-grpc", "127.0.0.1:9086");
        String securityDb = argument(args, "security-db", "jdbc:postgresql://127.0.0.1:5432/opsplane_security");
        ManagedChannel channel = ManagedChannelBuilder.forTarget(securityGrpc).usePlaintext().build();
        try {
            Metadata relayed = relayedAdmin(channel, a.token());
            bindings(securityDb, a);
            checkAccess(channel, relayed, a.seconds());
            checkAccessBatch(channel, relayed, a.seconds());
            ledgerAppend(securityDb, a, "first, the ledger's code cold");
            ledgerAppend(securityDb, a, "again, warm");
            verify(channel, relayed, securityDb, a);
            seedLedger(securityDb, a);
            verify(channel, relayed, securityDb, a);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The admin as the gateway relays it: its assertion, and the gateway's own. */
    private static Metadata relayedAdmin(ManagedChannel channel, String adminToken) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("OPSPLANE_HOME", ".opsplane"));
        String gatewayToken = Files.readString(home.resolve("secrets/service-tokens/gateway.token")).strip();
        Metadata asGateway = new Metadata();
        asGateway.put(Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + gatewayToken);
        TokenServiceGrpc.TokenServiceBlockingStub tokens = TokenServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(asGateway));
        String admin = tokens.authenticate(AuthenticateRequest.newBuilder().setToken(adminToken).build()).getAssertion();
        String gateway = tokens.authenticate(AuthenticateRequest.newBuilder().setToken(gatewayToken).build()).getAssertion();
        Metadata relayed = new Metadata();
        relayed.put(Metadata.Key.of(AuthHeaders.PRINCIPAL, Metadata.ASCII_STRING_MARSHALLER), admin);
        relayed.put(Metadata.Key.of(AuthHeaders.RELAYED_BY, Metadata.ASCII_STRING_MARSHALLER), gateway);
        return relayed;
    }

    /** 10,000 bindings: 2,000 subjects with 4 each, 400 groups with 5 each; then the access book reloads. */
    private static void bindings(String securityDb, EventPathBench.Args a) throws Exception {
        String[] roles = {"viewer", "developer", "operator"};
        try (Connection db = DriverManager.getConnection(securityDb, a.user(), a.password())) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO role_binding (id, role, scope, subject, grp, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, 'bench', now()) ON CONFLICT DO NOTHING""")) {
                for (int i = 0; i < BINDINGS; i++) {
                    boolean group = i >= 8_000;
                    insert.setString(1, "bench-" + i);
                    insert.setString(2, roles[i % roles.length]);
                    insert.setString(3, switch (i % 4) {
                        case 0 -> "pipeline:p" + (i % 1_000);
                        case 1 -> "project:shop-" + (i % 50);
                        case 2 -> "environment:env-" + (i % 20) + "*";
                        default -> "pipeline:web-*";
                    });
                    insert.setString(4, group ? "" : "user-" + (i / 4));
                    insert.setString(5, group ? "team-" + ((i - 8_000) / 5) : "");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            db.commit();
        }
        Thread.sleep(6_000);
    }

    private static void checkAccess(ManagedChannel channel, Metadata relayed, int seconds) throws Exception {
        AccessServiceGrpc.AccessServiceFutureStub access = AccessServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(relayed));
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(64);
        java.util.Random random = new java.util.Random(7);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            inFlight.acquire();
            CheckAccessRequest request = CheckAccessRequest.newBuilder().setSubject("user-" + random.nextInt(2_000))
                    .addGroups("team-" + random.nextInt(400)).setPermission("pipelines:run")
                    .setResource("pipeline:p" + random.nextInt(1_000)).addWithin("project:shop-" + random.nextInt(50))
                    .build();
            long sent = System.nanoTime();
            Futures.addCallback(access.withDeadlineAfter(30, TimeUnit.SECONDS).checkAccess(request),
                    new FutureCallback<AccessDecision>() {
                        @Override
                        public void onSuccess(AccessDecision result) {
                            ok.incrementAndGet();
                            latencies.add(System.nanoTime() - sent);
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
        double took = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        row("CheckAccess over gRPC, 10,000 bindings, 64 in flight", String.format(Locale.ROOT,
                "%,.0f decisions/s (%d failed)", ok.get() / took, failed.get()));
        row("CheckAccess latency p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms",
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6));
    }

    /** The same questions, {@value #BATCH} to a CheckAccessBatch call, 8 calls in flight. */
    private static void checkAccessBatch(ManagedChannel channel, Metadata relayed, int seconds) throws Exception {
        AccessServiceGrpc.AccessServiceFutureStub access = AccessServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(relayed));
        AtomicLong decided = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(8);
        java.util.Random random = new java.util.Random(11);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            inFlight.acquire();
            CheckAccessBatchRequest.Builder batch = CheckAccessBatchRequest.newBuilder();
            for (int i = 0; i < BATCH; i++) {
                batch.addChecks(CheckAccessRequest.newBuilder().setSubject("user-" + random.nextInt(2_000))
                        .addGroups("team-" + random.nextInt(400)).setPermission("pipelines:run")
                        .setResource("pipeline:p" + random.nextInt(1_000))
                        .addWithin("project:shop-" + random.nextInt(50)));
            }
            Futures.addCallback(access.withDeadlineAfter(30, TimeUnit.SECONDS).checkAccessBatch(batch.build()),
                    new FutureCallback<CheckAccessBatchResponse>() {
                        @Override
                        public void onSuccess(CheckAccessBatchResponse result) {
                            decided.addAndGet(result.getDecisionsCount());
                            inFlight.release();
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            failed.incrementAndGet();
                            inFlight.release();
                        }
                    }, MoreExecutors.directExecutor());
        }
        inFlight.acquire(8);
        double took = (System.nanoTime() - start) / 1e9;
        row("CheckAccessBatch over gRPC, " + BATCH + " checks a call, 8 calls in flight", String.format(Locale.ROOT,
                "%,.0f decisions/s (%d calls failed)", decided.get() / took, failed.get()));
    }

    /** 20,000 audit records committed at once in pipeline-service's outbox, until all are in the ledger. */
    private static void ledgerAppend(String securityDb, EventPathBench.Args a, String round) throws Exception {
        String correlation = "bench-audit-" + UUID.randomUUID();
        Instant committed;
        try (Connection pipeline = DriverManager.getConnection(a.pipelineDb(), a.user(), a.password())) {
            pipeline.setAutoCommit(false);
            try (PreparedStatement insert = pipeline.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_type, source, subject, event_time, correlation_id, data)
                    SELECT gen_random_uuid()::text, 'opsplane.pipeline.events', 'opsplane.events.v1.AuditRecorded',
                           'opsplane/pipeline-service', 'bench-' || (n % 64), clock_timestamp(), ?,
                           '{"subject":"bench-' || (n % 64) || '","service":"pipeline-service","method":"bench/Call",'
                           || '"permission":"pipelines:write","resource":"pipeline:p' || n || '","outcome":"succeeded",'
                           || '"status":"OK"}'
                    FROM generate_series(1, ?) AS n""")) {
                insert.setString(1, correlation);
                insert.setInt(2, AUDIT_RECORDS);
                insert.executeUpdate();
            }
            pipeline.commit();
            committed = Instant.now();
        }
        try (Connection ledger = DriverManager.getConnection(securityDb, a.user(), a.password());
                PreparedStatement count = ledger.prepareStatement(
                        "SELECT count(*), max(recorded_at) FROM audit_record WHERE correlation_id = ?")) {
            count.setString(1, correlation);
            Instant deadline = Instant.now().plusSeconds(300);
            while (true) {
                try (ResultSet r = count.executeQuery()) {
                    r.next();
                    if (r.getLong(1) >= AUDIT_RECORDS) {
                        double seconds = Duration.between(committed, r.getTimestamp(2).toInstant()).toMillis() / 1000.0;
                        row("Audit ledger append through outbox, Kafka and PostgreSQL (20,000 records at once; " + round + ")",
                                String.format(Locale.ROOT, "%,.0f records/s (%.1f s until the last)",
                                        AUDIT_RECORDS / seconds, seconds));
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the ledger did not reach " + AUDIT_RECORDS + " records in 300 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Extends the ledger to {@value #LEDGER_RECORDS} records, sealed as security-service seals them and appended
     * under its append lock, so VerifyAudit is measured on a ledger of that size rather than extrapolated.
     */
    private static void seedLedger(String securityDb, EventPathBench.Args a) throws Exception {
        String url = securityDb + (securityDb.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection db = DriverManager.getConnection(url, a.user(), a.password())) {
            db.setAutoCommit(false);
            try (var lock = db.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + AuditLedger.APPEND_LOCK + ")");
            }
            long seq;
            String prevHash;
            try (ResultSet head = db.createStatement().executeQuery(
                    "SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")) {
                seq = head.next() ? head.getLong(1) : 0;
                prevHash = seq == 0 ? AuditHashing.GENESIS : head.getString(2);
            }
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO audit_record (seq, recorded_at, event_id, subject, token_id, source_address, service,
                        permission, resource, summary, outcome, correlation_id, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                Instant recordedAt = AuditHashing.toStoredPrecision(Instant.now());
                for (long n = seq + 1; n <= LEDGER_RECORDS; n++) {
                    AuditRecord content = new AuditRecord(n, recordedAt, "bench-seed-" + n, "bench-" + (n % 64),
                            "token-" + (n % 16), "127.0.0.1", "pipeline-service", "pipelines:write", "pipeline:p" + n,
                            "RegisterPipeline OK; relayed by service:gateway", "succeeded", "", prevHash, "");
                    String hash = AuditHashing.hash(prevHash, content);
                    insert.setLong(1, n);
                    insert.setObject(2, java.time.OffsetDateTime.ofInstant(recordedAt, java.time.ZoneOffset.UTC));
                    insert.setString(3, content.eventId());
                    insert.setString(4, content.subject());
                    insert.setString(5, content.tokenId());
                    insert.setString(6, content.sourceAddress());
                    insert.setString(7, content.service());
                    insert.setString(8, content.permission());
                    insert.setString(9, content.resource());
                    insert.setString(10, content.summary());
                    insert.setString(11, content.outcome());
                    insert.setString(12, content.correlationId());
                    insert.setString(13, prevHash);
                    insert.setString(14, hash);
                    insert.addBatch();
                    prevHash = hash;
                    if (n % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            System.err.printf(Locale.ROOT, "ledger seeded to %,d records in %.1f s%n", LEDGER_RECORDS,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void verify(ManagedChannel channel, Metadata relayed, String securityDb, EventPathBench.Args a)
            throws Exception {
        AuditServiceGrpc.AuditServiceBlockingStub audit = AuditServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(relayed));
        long start = System.nanoTime();
        var verification = audit.withDeadlineAfter(300, TimeUnit.SECONDS).verifyAudit(VerifyAuditRequest.getDefaultInstance());
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = verification.getRecordsChecked() / seconds;
        row("VerifyAudit over gRPC, the whole ledger from PostgreSQL", String.format(Locale.ROOT,
                "%,d records in %.2f s: %,.0f records/s, ok=%s (1,000,000 records at this rate: %.1f s)",
                verification.getRecordsChecked(), seconds, perSecond, verification.getOk(), 1_000_000 / perSecond));
    }

    static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static void row(String what, String value) {
        System.out.println("| " + what + " | " + value + " |");
    }
}
