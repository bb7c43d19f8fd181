package io.opsplane.security.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import io.opsplane.proto.security.v1.AuditEntry;
import io.opsplane.proto.security.v1.AuditQuery;
import io.opsplane.proto.security.v1.AuditServiceGrpc;
import io.opsplane.proto.security.v1.AuditVerification;
import io.opsplane.proto.security.v1.AccessServiceGrpc;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.RoleBinding;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.proto.security.v1.CreateBindingRequest;
import io.opsplane.proto.security.v1.VerifyAuditRequest;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutating calls and denials reach the ledger through the outbox and Kafka; verification finds an
 * edit, a deletion, a reordering and a truncation made directly in PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class AuditLedgerTest {

    @GrpcClient("self")
    AuditServiceGrpc.AuditServiceBlockingStub auditStub;

    @GrpcClient("self")
    AccessServiceGrpc.AccessServiceBlockingStub accessStub;

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokenStub;

    @Inject
    Pool pool;

    @Inject
    AuditCheckpoints checkpoints;

    private AuditServiceGrpc.AuditServiceBlockingStub audit;

    @BeforeEach
    void asAnAuditor() {
        audit = TestPrincipals.as(TestPrincipals.admin(), auditStub);
    }

    /** Grants a binding as an admin and waits until its audit record is in the ledger. */
    private AuditEntry grantAndAwaitRecord() throws InterruptedException {
        String subject = "audited-" + UUID.randomUUID();
        TestPrincipals.as(TestPrincipals.admin(), accessStub).createBinding(CreateBindingRequest.newBuilder()
                .setRole("viewer").setScope("global").setSubject(subject).build());
        return awaitRecord(AuditQuery.newBuilder().setSubject("test-admin").setAction("access:grant").build(),
                entry -> entry.getSummary().contains(subject));
    }

    private AuditEntry awaitRecord(AuditQuery query, java.util.function.Predicate<AuditEntry> wanted)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String page = "";
            do {
                var found = audit.listAuditRecords(query.toBuilder().setLimit(1000).setPageToken(page).build());
                for (AuditEntry entry : found.getEntriesList()) {
                    if (wanted.test(entry)) {
                        return entry;
                    }
                }
                page = found.getNextPageToken();
            } while (!page.isEmpty());
            Thread.sleep(100);
        }
        throw new AssertionError("no audit record for " + query);
    }

    @Test
    void aMutatingCallIsRecordedWithWhoWhatAndOutcome() throws Exception {
        AuditEntry entry = grantAndAwaitRecord();

        assertEquals("test-admin", entry.getSubject());
        assertEquals("security-service", entry.getService());
        assertEquals("access:grant", entry.getPermission());
        assertEquals("succeeded", entry.getOutcome());
        assertTrue(entry.getSummary().contains("CreateBinding OK; relayed by service:gateway"), entry.getSummary());
        assertEquals(64, entry.getHash().length());
    }

    @Test
    void aSignInIsRecordedOnceWithWhereItCameFrom() throws Exception {
        String subject = "signing-in-" + UUID.randomUUID();
        IssuedToken issued = TestPrincipals.as(TestPrincipals.admin(), tokenStub).issueToken(IssueTokenRequest
                .newBuilder().setName("laptop").setSubject(subject).addBindings(RoleBinding.newBuilder()
                        .setRole("viewer").setScope("global")).build());
        String gatewayToken = Files.readString(Path.of("src/test/resources/service-tokens/gateway.token")).strip();
        TokenServiceGrpc.TokenServiceBlockingStub gateway = TestPrincipals.withToken(gatewayToken, tokenStub);
        for (int i = 0; i < 3; i++) {
            gateway.authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken())
                    .setSourceAddress("203.0.113.9").build());
        }

        AuditQuery signIns = AuditQuery.newBuilder().setSubject(subject).setAction("tokens:authenticate").build();
        AuditEntry entry = awaitRecord(signIns, e -> true);
        assertEquals("203.0.113.9", entry.getSourceAddress());
        assertEquals(issued.getInfo().getTokenId(), entry.getTokenId());
        assertTrue(entry.getSummary().contains("signed in with API token 'laptop'"), entry.getSummary());
        // The later uses within the sign-in gap are no sign-ins; the issue itself is the admin's record.
        grantAndAwaitRecord();
        assertEquals(1, audit.listAuditRecords(signIns.toBuilder().setLimit(100).build()).getEntriesCount());
    }

    @Test
    void aDenialIsRecorded() throws Exception {
        String viewer = "denied-" + UUID.randomUUID();
        assertThrows(StatusRuntimeException.class, () -> TestPrincipals.as(TestPrincipals.user(viewer, "viewer", "global"),
                accessStub).createBinding(CreateBindingRequest.newBuilder().setRole("admin").setScope("global")
                        .setSubject(viewer).build()));

        AuditEntry entry = awaitRecord(AuditQuery.newBuilder().setSubject(viewer).setOutcome("denied").build(), e -> true);

        assertEquals("access:grant", entry.getPermission());
        assertTrue(entry.getSummary().contains("PERMISSION_DENIED"), entry.getSummary());
    }

    @Test
    void badListingsAreInvalidArguments() {
        assertThrows(StatusRuntimeException.class, () -> audit.listAuditRecords(AuditQuery.newBuilder().setLimit(5000)
                .build()));
        assertThrows(StatusRuntimeException.class, () -> audit.listAuditRecords(AuditQuery.newBuilder()
                .setPageToken("not-a-token").build()));
        assertThrows(StatusRuntimeException.class, () -> TestPrincipals.as(TestPrincipals.user("v", "operator",
                "global"), auditStub).listAuditRecords(AuditQuery.getDefaultInstance()));
    }

    @Test
    void tamperingInPostgresIsFoundAndNamed() throws Exception {
        for (int i = 0; i < 4; i++) {
            grantAndAwaitRecord();
        }
        checkpoints.take();
        AuditVerification clean = audit.verifyAudit(VerifyAuditRequest.getDefaultInstance());
        assertTrue(clean.getOk(), clean.toString());
        long last = clean.getLastSeq();
        long middle = last - 2;

        // An edited field.
        String subject = pool.preparedQuery("SELECT subject FROM audit_record WHERE seq = $1").execute(Tuple.of(middle))
                .await().indefinitely().iterator().next().getString(0);
        sql("UPDATE audit_record SET subject = 'someone-else' WHERE seq = $1", middle);
        assertProblem("EDITED", middle);
        sql("UPDATE audit_record SET subject = $2 WHERE seq = $1", middle, subject);

        // Two records swapped.
        sql("UPDATE audit_record SET seq = -1 WHERE seq = $1", middle);
        sql("UPDATE audit_record SET seq = $1 WHERE seq = $2", middle, middle + 1);
        sql("UPDATE audit_record SET seq = $1 WHERE seq = -1", middle + 1);
        assertProblem("REORDERED", middle);
        sql("UPDATE audit_record SET seq = -1 WHERE seq = $1", middle);
        sql("UPDATE audit_record SET seq = $1 WHERE seq = $2", middle, middle + 1);
        sql("UPDATE audit_record SET seq = $1 WHERE seq = -1", middle + 1);
        assertTrue(audit.verifyAudit(VerifyAuditRequest.getDefaultInstance()).getOk());

        // A deleted record, then the tail truncated below the checkpoint.
        List<Object[]> saved = rowsFrom(middle);
        sql("DELETE FROM audit_record WHERE seq = $1", middle);
        assertProblem("DELETED", middle);
        sql("DELETE FROM audit_record WHERE seq >= $1", middle);
        AuditVerification truncated = audit.verifyAudit(VerifyAuditRequest.getDefaultInstance());
        assertFalse(truncated.getOk());
        assertEquals("TRUNCATED", truncated.getProblem(), truncated.toString());
        assertTrue(truncated.getTruncatedSinceCheckpoint());
        restore(saved);
        assertTrue(audit.verifyAudit(VerifyAuditRequest.getDefaultInstance()).getOk());
    }

    private void assertProblem(String kind, long seq) {
        AuditVerification verification = audit.verifyAudit(VerifyAuditRequest.getDefaultInstance());
        assertFalse(verification.getOk(), verification.toString());
        assertEquals(kind, verification.getProblem(), verification.toString());
        assertEquals(seq, verification.getSeq(), verification.toString());
    }

    private void sql(String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(parameters)).await().indefinitely();
    }

    private List<Object[]> rowsFrom(long seq) {
        List<Object[]> rows = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT * FROM audit_record WHERE seq >= $1 ORDER BY seq").execute(Tuple.of(seq)).await()
                .indefinitely().forEach(row -> {
                    Object[] values = new Object[row.size()];
                    for (int i = 0; i < row.size(); i++) {
                        values[i] = row.getValue(i);
                    }
                    rows.add(values);
                });
        return rows;
    }

    private void restore(List<Object[]> rows) {
        for (Object[] values : rows) {
            sql("INSERT INTO audit_record (seq, recorded_at, event_id, subject, token_id, source_address, service, "
                    + "permission, resource, summary, outcome, correlation_id, prev_hash, hash) VALUES "
                    + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", values);
        }
    }
}
