package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.security.token.TokenSecrets;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class TokenGrpcServiceTest {

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    @ConfigProperty(name = "opsplane.security.admin-token")
    String admin;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Pool pool;

    private IssuedToken issue(String caller, String subject, List<String> roles, long ttlSeconds) {
        return tokens.issueToken(IssueTokenRequest.newBuilder().setCallerToken(caller).setName("ci " + subject)
                .setSubject(subject).addAllRoles(roles).setTtlSeconds(ttlSeconds).build());
    }

    private Principal authenticate(String token) {
        return tokens.authenticate(AuthenticateRequest.newBuilder().setToken(token).build());
    }

    private static Status.Code codeOf(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void theBootstrapAdminTokenWorksAndIsNotWrittenToAFileWhenGiven() {
        Principal principal = authenticate(admin);
        assertEquals("admin", principal.getSubject());
        assertEquals(List.of("admin"), principal.getRolesList());
        assertFalse(Files.exists(Path.of("target/admin-token")), "a given token is not written anywhere");
    }

    @Test
    void anIssuedTokenAuthenticatesAndIsAnnouncedWithoutItsSecret() {
        String subject = "dev-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventTap tap = new EventTap(kafka, List.of("opsplane.security.events"))) {
            IssuedToken issued = issue(admin, subject, List.of("developer"), 0);
            assertTrue(TokenSecrets.isWellFormed(issued.getToken()));
            assertEquals(subject, authenticate(issued.getToken()).getSubject());
            assertEquals(List.of("developer"), authenticate(issued.getToken()).getRolesList());

            var events = tap.await(r -> issued.getInfo().getTokenId().equals(r.key()), 1, Duration.ofSeconds(10));
            assertEquals(1, events.size());
            assertEquals("opsplane.events.v1.TokenIssued", EventTap.header(events.get(0), "ce_type"));
            String data = new String(events.get(0).value(), StandardCharsets.UTF_8);
            assertTrue(data.contains(subject), data);
            assertFalse(data.contains(issued.getToken()), "the secret never leaves in an event");
        }
    }

    @Test
    void onlyTheHashOfASecretIsStored() {
        IssuedToken issued = issue(admin, "hash-check", List.of("viewer"), 0);
        Row row = pool.preparedQuery("SELECT * FROM api_token WHERE id = $1")
                .execute(Tuple.of(issued.getInfo().getTokenId())).await().atMost(Duration.ofSeconds(5))
                .iterator().next();
        assertEquals(TokenSecrets.hash(issued.getToken()), row.getString("secret_hash"));
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            assertFalse(value != null && value.toString().contains(issued.getToken()), "column " + row.getColumnName(i));
        }
    }

    @Test
    void onlyAnAdminIssuesOrRevokes() {
        IssuedToken developer = issue(admin, "not-admin", List.of("developer"), 0);
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> issue(developer.getToken(), "x", List.of("admin"), 0)));
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> tokens.revokeToken(RevokeTokenRequest.newBuilder()
                .setCallerToken(developer.getToken()).setTokenId(developer.getInfo().getTokenId()).build())));
        assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> issue("ops_nope", "x", List.of("admin"), 0)));
    }

    @Test
    void aRevokedTokenNoLongerAuthenticates() {
        IssuedToken issued = issue(admin, "leaver", List.of("viewer"), 0);
        var info = tokens.revokeToken(RevokeTokenRequest.newBuilder().setCallerToken(admin)
                .setTokenId(issued.getInfo().getTokenId()).build());
        assertTrue(info.getRevoked());
        assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> authenticate(issued.getToken())));
        assertEquals(Status.Code.NOT_FOUND, codeOf(() -> tokens.revokeToken(RevokeTokenRequest.newBuilder()
                .setCallerToken(admin).setTokenId(UUID.randomUUID().toString()).build())));
    }

    @Test
    void anExpiredTokenNoLongerAuthenticates() throws InterruptedException {
        IssuedToken issued = issue(admin, "short-lived", List.of("viewer"), 1);
        Thread.sleep(1_500);
        assertEquals(Status.Code.UNAUTHENTICATED, codeOf(() -> authenticate(issued.getToken())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ops_", "Bearer x", "ops_testAdminTokenOnlyForTheTestSuite0123456788",
        "ops_testAdminTokenOnlyForTheTestSuite0123456789 ", "' OR 1=1 --", "ops_\u0000"})
    void anyOtherStringIsUnauthenticatedWithOneAnswer(String token) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> authenticate(token));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the token is missing, unknown, expired or revoked", e.getStatus().getDescription());
    }

    @Test
    void badIssueRequestsAreInvalidArguments() {
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> issue(admin, "x", List.of("root"), 0)));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> issue(admin, "x", List.of(), 0)));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> issue(admin, "x", List.of("viewer"), -5)));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> issue(admin, "x", List.of("viewer"), 400L * 86_400)));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> issue(admin, "<script>", List.of("viewer"), 0)));
    }

    @Test
    void everyIssuedSecretIsDifferent() {
        assertNotEquals(issue(admin, "twin", List.of("viewer"), 0).getToken(),
                issue(admin, "twin", List.of("viewer"), 0).getToken());
    }
}
