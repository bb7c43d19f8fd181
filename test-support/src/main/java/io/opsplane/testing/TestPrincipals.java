package io.opsplane.testing;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.PrincipalAssertions;
import io.opsplane.platform.access.Principals;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.access.SigningKeys;
import io.opsplane.proto.security.v1.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Callers for tests of a service without security-service: principal assertions signed with a key
 * pair made for this test run, which {@link OpsplaneTestResources} gives the service (and, for
 * security-service itself, as its signing key). The service verifies them exactly as in production.
 */
public final class TestPrincipals {

    private static final KeyPair KEYS = SigningKeys.generate();
    private static final Metadata.Key<String> PRINCIPAL = Metadata.Key.of(AuthHeaders.PRINCIPAL,
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> RELAYED_BY = Metadata.Key.of(AuthHeaders.RELAYED_BY,
            Metadata.ASCII_STRING_MARSHALLER);
    private static Path keyFolder;

    private TestPrincipals() {
    }

    /** A person or bot holding {@code role} at {@code scope} (e.g. {@code "developer", "pipeline:web"}). */
    public static Principal user(String subject, String role, String scope) {
        Role found = BuiltInRoles.find(role).orElseThrow(() -> new IllegalArgumentException("no built-in role " + role));
        return Principal.newBuilder().setSubject(subject).setTokenId("test-" + UUID.randomUUID()).setKind("token")
                .addRoles(role).addGrants(Principals.toMessage(new Grant(role, Scope.parse(scope), found.permissions(),
                        "token")))
                .setExpiresAt(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
                .build();
    }

    public static Principal admin() {
        return user("test-admin", BuiltInRoles.ADMIN, "global");
    }

    /** Authenticated, with no role at all. */
    public static Principal nobody() {
        return Principal.newBuilder().setSubject("test-nobody").setTokenId("test-nobody").setKind("token")
                .setExpiresAt(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
                .build();
    }

    /** A platform component acting on its own behalf. */
    public static Principal service(String component) {
        String role = BuiltInRoles.serviceRole(component);
        return Principal.newBuilder().setSubject(role).setTokenId("service-" + component).setKind("service")
                .addRoles(role).addGrants(Principals.toMessage(new Grant(role, Scope.GLOBAL,
                        BuiltInRoles.find(role).orElseThrow().permissions(), "token")))
                .setExpiresAt(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))
                .build();
    }

    public static String assertion(Principal principal) {
        return PrincipalAssertions.sign(principal, KEYS.getPrivate(), Instant.now(), Duration.ofMinutes(10));
    }

    /** The metadata of a call relayed by the gateway for {@code principal}. */
    public static Metadata relayed(Principal principal) {
        Metadata metadata = new Metadata();
        metadata.put(PRINCIPAL, assertion(principal));
        if (!"service".equals(principal.getKind())) {
            metadata.put(RELAYED_BY, assertion(service("gateway")));
        }
        return metadata;
    }

    /** The stub, calling as {@code principal} (relayed by the gateway). */
    public static <S extends AbstractStub<S>> S as(Principal principal, S stub) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(relayed(principal)));
    }

    /** The stub, calling with {@code authorization: Bearer <token>}. */
    public static <S extends AbstractStub<S>> S withToken(String token, S stub) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    /** Configuration that makes a service trust this run's key (and sign with it, for security-service). */
    static synchronized Map<String, String> serviceConfig() {
        try {
            if (keyFolder == null) {
                keyFolder = Files.createTempDirectory("opsplane-test-keys",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path privateFile = keyFolder.resolve("principal-signing.key");
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(privateFile, SigningKeys.encode(KEYS.getPrivate()));
                Files.writeString(keyFolder.resolve("principal-signing.pub"), SigningKeys.encode(KEYS.getPublic()));
                keyFolder.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("opsplane.auth.principal-key", SigningKeys.encode(KEYS.getPublic()),
                "opsplane.auth.principal-key-file", keyFolder.resolve("principal-signing.pub").toString(),
                "opsplane.security.signing-key-file", keyFolder.resolve("principal-signing.key").toString());
    }
}
