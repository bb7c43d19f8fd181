package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.security.v1.AuthenticateRequest;
import io.opsplane.proto.security.v1.TokenServiceGrpc;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** With the default configuration, sign-in with JWTs is off: a well-formed, signed JWT is refused. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class JwtWhileSignInIsOffTest {

    @GrpcClient("self")
    TokenServiceGrpc.TokenServiceBlockingStub tokens;

    @Test
    void aWellFormedJwtIsUnauthenticated() throws Exception {
        String gatewayToken = Files.readString(Path.of("src/test/resources/service-tokens/gateway.token")).strip();
        String jwt = JwtFixture.rsa().build();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> TestPrincipals
                .withToken(gatewayToken, tokens).authenticate(AuthenticateRequest.newBuilder().setToken(jwt).build()));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the token is missing, unknown, expired or revoked", e.getStatus().getDescription());
    }
}
