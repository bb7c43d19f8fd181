package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.access.SigningKeys;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.ListTokensRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.RevokeTokenRequest;
import io.opsplane.proto.security.v1.RoleBinding;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Tokens through gRPC, as the gateway and people call them, against the real database. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class TokenGrpcServiceTest {

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    private TokenServiceGrpc.TokenServiceBlockingStub as(Principal principal) {
        return TestPrincipals.as(principal, tokens);
    }

    private TokenServiceGrpc.TokenServiceBlockingStub gateway() throws Exception {
        String token = Files.readString(Path.of("src/test/resources/service-tokens/gateway.token")).strip();
        return TestPrincipals.withToken(token, tokens);
    }

    private IssuedToken issue(Principal issuer, String name, String subject, String role, String scope) {
        IssueTokenRequest.Builder request = IssueTokenRequest.newBuilder().setName(name).setSubject(subject);
        if (role != null) {
            request.addBindings(RoleBinding.newBuilder().setRole(role).setScope(scope));
        }
        return as(issuer).issueToken(request.build());
    }

    @Test
    void theGatewayAuthenticatesAScopedTokenAndGetsASignedPrincipal() throws Exception {
        IssuedToken issued = issue(TestPrincipals.admin(), "ci", "dev-1", "developer", "pipeline:web");

        Principal principal = gateway().authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken()).build());

        assertEquals("dev-1", principal.getSubject());
        assertEquals("token", principal.getKind());
        assertEquals(issued.getInfo().getTokenId(), principal.getTokenId());
        var authority = Principals.authorityOf(principal);
        assertTrue(authority.decide("pipelines:run", ResourceRef.of("pipeline", "web")).allowed());
        assertFalse(authority.decide("pipelines:run", ResourceRef.of("pipeline", "billing")).allowed());
        String publicKey = ConfigProvider.getConfig().getValue("opsplane.auth.principal-key", String.class);
        Principal verified = PrincipalAssertions.verify(principal.getAssertion(), SigningKeys.publicKey(publicKey),
                Instant.now());
        assertEquals(principal.getGrantsList(), verified.getGrantsList());
    }

    @Test
    void onlyServicesVerifyTokens() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(TestPrincipals.admin())
                .authenticate(AuthenticateRequest.newBuilder().setToken("ops_x").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void anUnknownTokenIsUnauthenticatedWithOneAnswerForEveryFlaw() throws Exception {
        for (String token : new String[] {"", "nope", "ops_" + "A".repeat(43), "x".repeat(9000)}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> gateway().authenticate(AuthenticateRequest.newBuilder().setToken(token).build()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals("the token is missing, unknown, expired or revoked", e.getStatus().getDescription());
        }
    }

    @Test
    void aTokenNeverCarriesMoreThanItsIssuerHolds() {
        Principal developer = TestPrincipals.user("dev-2", "developer", "pipeline:web");

        issue(developer, "narrower", "", "viewer", "pipeline:web");
        for (String[] wider : new String[][] {{"operator", "pipeline:web"}, {"developer", "pipeline:*"},
                {"developer", "global"}, {"viewer", "pipeline:billing"}, {"admin", "pipeline:web"}}) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> issue(developer, "wider", "", wider[0], wider[1]));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), String.join("@", wider));
            assertTrue(e.getStatus().getDescription().contains("which the caller does not hold"),
                    e.getStatus().getDescription());
        }
    }

    @Test
    void issuingForAnotherSubjectOrAServiceRoleIsRefused() {
        Principal developer = TestPrincipals.user("dev-3", "developer", "global");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> issue(developer, "theirs", "someone-else", "viewer", "global"));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        e = assertThrows(StatusRuntimeException.class,
                () -> issue(TestPrincipals.admin(), "svc", "bot", "service:gateway", "global"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        e = assertThrows(StatusRuntimeException.class,
                () -> issue(TestPrincipals.admin(), "bad scope", "bot", "viewer", "cluster:x"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void aViewerCannotIssueTokens() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> issue(TestPrincipals.user("watcher", "viewer", "global"), "mine", "", "viewer", "global"));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
    }

    @Test
    void listsShowOwnTokensAndManagersSeeAll() {
        Principal owner = TestPrincipals.user("lister", "developer", "global");
        IssuedToken mine = issue(owner, "mine", "", "viewer", "global");
        issue(TestPrincipals.admin(), "other", "someone", "viewer", "global");

        var own = as(owner).listTokens(ListTokensRequest.newBuilder().setLimit(1000).build());
        assertTrue(own.getTokensList().stream().allMatch(token -> token.getSubject().equals("lister")));
        assertTrue(own.getTokensList().stream().anyMatch(token -> token.getTokenId().equals(mine.getInfo().getTokenId())));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as(owner).listTokens(ListTokensRequest.newBuilder().setSubject("someone").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        var theirs = as(TestPrincipals.admin()).listTokens(ListTokensRequest.newBuilder().setSubject("someone").build());
        assertFalse(theirs.getTokensList().isEmpty());
        assertTrue(theirs.getTokensList().stream().allMatch(token -> token.getSubject().equals("someone")));
    }

    @Test
    void pagingWalksEveryTokenOnce() {
        Principal owner = TestPrincipals.user("pager", "developer", "global");
        for (int i = 0; i < 5; i++) {
            issue(owner, "page-" + i, "", "viewer", "global");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String pageToken = "";
        do {
            var page = as(owner).listTokens(ListTokensRequest.newBuilder().setLimit(2).setPageToken(pageToken).build());
            assertTrue(page.getTokensCount() <= 2);
            page.getTokensList().forEach(token -> assertTrue(seen.add(token.getTokenId()), "twice: " + token));
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        assertEquals(5, seen.size());
    }

    @Test
    void ownTokensAreRevokedAndOthersAreNotFound() throws Exception {
        Principal owner = TestPrincipals.user("revoker", "developer", "global");
        IssuedToken mine = issue(owner, "mine", "", "viewer", "global");
        IssuedToken theirs = issue(TestPrincipals.admin(), "theirs", "victim", "viewer", "global");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(owner)
                .revokeToken(RevokeTokenRequest.newBuilder().setTokenId(theirs.getInfo().getTokenId()).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(as(owner).revokeToken(RevokeTokenRequest.newBuilder().setTokenId(mine.getInfo().getTokenId())
                .build()).getRevoked());
        e = assertThrows(StatusRuntimeException.class,
                () -> gateway().authenticate(AuthenticateRequest.newBuilder().setToken(mine.getToken()).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(as(TestPrincipals.admin()).revokeToken(RevokeTokenRequest.newBuilder()
                .setTokenId(theirs.getInfo().getTokenId()).build()).getRevoked());
    }

    @Test
    void aRememberedBearerTokenIsRefusedAtOnceAfterItsRevocation() {
        IssuedToken issued = issue(TestPrincipals.admin(), "direct", "direct-user", "viewer", "global");
        TokenServiceGrpc.TokenServiceBlockingStub direct = TestPrincipals.withToken(issued.getToken(), tokens);
        for (int i = 0; i < 3; i++) {
            direct.listTokens(ListTokensRequest.getDefaultInstance());
        }

        as(TestPrincipals.admin()).revokeToken(RevokeTokenRequest.newBuilder()
                .setTokenId(issued.getInfo().getTokenId()).build());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> direct.listTokens(ListTokensRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aBearerTokenPresentedDirectlyIsVerifiedHere() {
        String admin = ConfigProvider.getConfig().getValue("opsplane.security.admin-token", String.class);

        var list = TestPrincipals.withToken(admin, tokens).listTokens(ListTokensRequest.getDefaultInstance());

        assertFalse(list.getTokensList().isEmpty());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> TestPrincipals
                .withToken("ops_" + "B".repeat(43), tokens).listTokens(ListTokensRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void lastUseIsRecorded() throws Exception {
        IssuedToken issued = issue(TestPrincipals.admin(), "used", "user-x", "viewer", "global");
        gateway().authenticate(AuthenticateRequest.newBuilder().setToken(issued.getToken()).build());

        var listed = as(TestPrincipals.admin()).listTokens(ListTokensRequest.newBuilder().setSubject("user-x").build());

        assertTrue(listed.getTokens(0).hasLastUsedAt(), listed.toString());
    }
}
