package io.opsplane.platform.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.opsplane.platform.access.PrincipalAssertions.InvalidAssertionException;
import io.opsplane.proto.security.v1.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrincipalAssertionsTest {

    private static final KeyPair KEYS = SigningKeys.generate();
    private static final KeyPair OTHER_KEYS = SigningKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Principal DEV = Principal.newBuilder().setSubject("dev").setTokenId("t1").setKind("token")
            .addGrants(Principals.toMessage(new Grant("developer", Scope.parse("pipeline:web"),
                    BuiltInRoles.find("developer").orElseThrow().permissions(), "binding:b1")))
            .setExpiresAt(Timestamp.newBuilder().setSeconds(NOW.plusSeconds(3600).getEpochSecond())).build();

    @Test
    void aSignedAssertionVerifiesToTheSamePrincipalAndAuthority() {
        String assertion = PrincipalAssertions.sign(DEV, KEYS.getPrivate(), NOW, Duration.ofSeconds(60));

        Principal verified = PrincipalAssertions.verify(assertion, KEYS.getPublic(), NOW.plusSeconds(59));

        assertEquals(DEV, verified.toBuilder().clearAssertion().build());
        assertEquals(assertion, verified.getAssertion());
        assertTrue(Principals.authorityOf(verified).decide("pipelines:run", ResourceRef.of("pipeline", "web")).allowed());
    }

    @Test
    void anAssertionNeverOutlivesItsToken() {
        String assertion = PrincipalAssertions.sign(DEV, KEYS.getPrivate(), NOW.plusSeconds(3590), Duration.ofSeconds(60));

        InvalidAssertionException e = assertThrows(InvalidAssertionException.class,
                () -> PrincipalAssertions.verify(assertion, KEYS.getPublic(), NOW.plusSeconds(3600)));
        assertEquals("the principal assertion has expired", e.getMessage());
    }

    static Stream<Arguments> forgeries() {
        String good = PrincipalAssertions.sign(DEV, KEYS.getPrivate(), NOW, Duration.ofSeconds(60));
        String byOther = PrincipalAssertions.sign(DEV, OTHER_KEYS.getPrivate(), NOW, Duration.ofSeconds(60));
        String admin = PrincipalAssertions.sign(DEV.toBuilder().setSubject("admin").build(), OTHER_KEYS.getPrivate(), NOW,
                Duration.ofSeconds(60));
        int dot = good.indexOf('.');
        return Stream.of(
                Arguments.of("signed by another key", (UnaryOperator<String>) a -> byOther, "signature does not verify"),
                Arguments.of("body of another principal", (UnaryOperator<String>) a -> admin.substring(0, admin.indexOf('.'))
                        + a.substring(dot), "signature does not verify"),
                Arguments.of("one bit of the body flipped", (UnaryOperator<String>) a -> flip(a, 5), "signature does not verify"),
                Arguments.of("one bit of the signature flipped", (UnaryOperator<String>) a -> flip(a, a.length() - 3),
                        "signature does not verify"),
                Arguments.of("no signature", (UnaryOperator<String>) a -> a.substring(0, dot + 1), "signature does not verify"),
                Arguments.of("no dot", (UnaryOperator<String>) a -> a.replace(".", ""), "malformed"),
                Arguments.of("two dots", (UnaryOperator<String>) a -> a + ".x", "malformed"),
                Arguments.of("not base64", (UnaryOperator<String>) a -> "*" + a.substring(1), "malformed"),
                Arguments.of("empty", (UnaryOperator<String>) a -> "", "missing"),
                Arguments.of("expired", (UnaryOperator<String>) a -> PrincipalAssertions.sign(DEV, KEYS.getPrivate(),
                        NOW.minusSeconds(61), Duration.ofSeconds(60)), "expired"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedMalformedOrExpiredAssertionIsRefused(String name, UnaryOperator<String> tamper, String reason) {
        String assertion = tamper.apply(PrincipalAssertions.sign(DEV, KEYS.getPrivate(), NOW, Duration.ofSeconds(60)));

        InvalidAssertionException e = assertThrows(InvalidAssertionException.class,
                () -> PrincipalAssertions.verify(assertion, KEYS.getPublic(), NOW));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theKeyPairIsCreatedOwnerOnlyOnceAndReadBack(@TempDir Path folder) throws Exception {
        Path privateFile = folder.resolve("signing.key");
        Path publicFile = folder.resolve("signing.pub");

        KeyPair created = SigningKeys.loadOrCreate(privateFile, publicFile);
        KeyPair read = SigningKeys.loadOrCreate(privateFile, publicFile);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)));
        assertEquals(SigningKeys.encode(created.getPrivate()), SigningKeys.encode(read.getPrivate()));
        assertEquals(SigningKeys.encode(created.getPublic()), SigningKeys.encode(read.getPublic()));
        Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeys.loadOrCreate(privateFile, publicFile));
        assertTrue(e.getMessage().contains("owner only"), e.getMessage());
    }

    private static String flip(String text, int index) {
        char c = text.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }
}
