package io.opsplane.gateway.testing;

import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.IssueTokenRequest;
import io.opsplane.proto.security.v1.IssuedToken;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.TokenInfo;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for security-service's TokenService on a free port: it accepts {@link #TOKEN} (an admin,
 * so that any role check passes), refuses every other token, and issues a token to every request.
 * Tests that need an authenticated caller use it instead of a real security-service.
 */
public class FakeSecurityService implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "ops_fake_admin_token_for_gateway_tests_aaaaaaaa";

    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(tokenService()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.grpc.clients.tokens.host", "127.0.0.1",
                "quarkus.grpc.clients.tokens.test-port", String.valueOf(server.getPort()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Built from the method descriptor rather than by extending the generated base class: Quarkus
     * would take a {@code BindableService} on the test classpath as a service of the gateway and
     * start a gRPC server for it.
     */
    private static ServerServiceDefinition tokenService() {
        return ServerServiceDefinition.builder(TokenServiceGrpc.SERVICE_NAME)
                .addMethod(TokenServiceGrpc.getAuthenticateMethod(), ServerCalls.asyncUnaryCall(
                        FakeSecurityService::authenticate))
                .addMethod(TokenServiceGrpc.getIssueTokenMethod(), ServerCalls.asyncUnaryCall(
                        FakeSecurityService::issueToken))
                .build();
    }

    private static void authenticate(AuthenticateRequest request, StreamObserver<Principal> response) {
        if (!TOKEN.equals(request.getToken())) {
            response.onError(Status.UNAUTHENTICATED
                    .withDescription("the token is missing, unknown, expired or revoked").asRuntimeException());
            return;
        }
        response.onNext(Principal.newBuilder().setTokenId("tok-test").setSubject("tester").addRoles("admin")
                .setExpiresAt(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
                .build());
        response.onCompleted();
    }

    private static void issueToken(IssueTokenRequest request, StreamObserver<IssuedToken> response) {
        Timestamp now = Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build();
        response.onNext(IssuedToken.newBuilder().setToken("ops_issued_by_the_fake")
                .setInfo(TokenInfo.newBuilder().setTokenId("tok-issued").setName(request.getName())
                        .setSubject(request.getSubject()).addAllRoles(request.getRolesList()).setCreatedAt(now)
                        .setExpiresAt(now))
                .build());
        response.onCompleted();
    }
}
