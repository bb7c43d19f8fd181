package io.opsplane.security.jwt;

import static io.opsplane.security.jwt.JwtFixture.CLOCK;
import static io.opsplane.security.jwt.JwtFixture.SETTINGS;
import static io.opsplane.security.jwt.TestKeys.EC;
import static io.opsplane.security.jwt.TestKeys.RSA;
import static io.opsplane.security.jwt.TestKeys.ecJwk;
import static io.opsplane.security.jwt.TestKeys.jwks;
import static io.opsplane.security.jwt.TestKeys.rsaJwk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksFileTest {

    private static final KeyPair NEXT_RSA = TestKeys.rsa(2048);
    private static final Instant WRITTEN = Instant.parse("2030-01-15T09:00:00Z");

    @TempDir
    Path folder;
    private Path file;
    private int version;

    @BeforeEach
    void firstKeys() throws IOException {
        file = folder.resolve("jwks.json");
        write(jwks(rsaJwk("rsa-1", RSA), ecJwk("ec-1", EC)));
    }

    @Test
    void readsTheKeysWhenCreated() {
        JwksFile source = new JwksFile(file);

        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertEquals(Optional.of(EC.getPublic()), source.find("ec-1", "ES256"));
        assertEquals(Optional.empty(), source.lastError());
    }

    @Test
    void aMissingFileFailsAtCreation() throws IOException {
        Files.delete(file);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new JwksFile(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void anInvalidFileFailsAtCreation() throws IOException {
        write("{\"keys\": 1}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new JwksFile(file));

        assertTrue(error.getMessage().contains("no keys array"), error.getMessage());
    }

    @Test
    void rotationIsPickedUpWhenTheFileChanges() throws IOException {
        JwtVerifier verifier = new JwtVerifier(SETTINGS, new JwksFile(file), CLOCK);
        String oldToken = JwtFixture.rsa().build();
        String newToken = JwtFixture.rsa().header("kid", "rsa-2")
                .signer(TestTokens.rs256(NEXT_RSA.getPrivate())).build();
        assertEquals("alice", verifier.verify(oldToken).subject());
        assertEquals(RejectionReason.UNKNOWN_KEY, rejection(verifier, newToken));

        write(jwks(rsaJwk("rsa-2", NEXT_RSA), ecJwk("ec-1", EC)));

        assertEquals("alice", verifier.verify(newToken).subject());
        assertEquals(RejectionReason.UNKNOWN_KEY, rejection(verifier, oldToken));
    }

    @Test
    void aBrokenFileKeepsTheLastGoodKeysAndReportsWhy() throws IOException {
        JwksFile source = new JwksFile(file);

        write("{\"keys\": [");

        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("keeps its last good keys"), source.lastError().toString());
        assertTrue(source.lastError().orElseThrow().contains("not well-formed JSON"), source.lastError().toString());

        write(jwks(rsaJwk("rsa-2", NEXT_RSA)));

        assertEquals(Optional.of(NEXT_RSA.getPublic()), source.find("rsa-2", "RS256"));
        assertEquals(Optional.empty(), source.find("rsa-1", "RS256"));
        assertEquals(Optional.empty(), source.lastError());
    }

    @Test
    void aFileWithAMalformedKeyKeepsTheLastGoodKeys() throws IOException {
        JwksFile source = new JwksFile(file);

        write(jwks(TestKeys.with(rsaJwk("rsa-2", NEXT_RSA), "e", null)));

        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertEquals(Optional.empty(), source.find("rsa-2", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("has no e"), source.lastError().toString());
    }

    @Test
    void aRemovedFileKeepsTheKeysUntilItIsBack() throws IOException {
        JwksFile source = new JwksFile(file);

        Files.delete(file);

        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("cannot read"), source.lastError().toString());

        write(jwks(rsaJwk("rsa-2", NEXT_RSA)));

        assertEquals(Optional.of(NEXT_RSA.getPublic()), source.find("rsa-2", "RS256"));
        assertEquals(Optional.empty(), source.lastError());
    }

    private static RejectionReason rejection(JwtVerifier verifier, String token) {
        return assertThrows(JwtRejectedException.class, () -> verifier.verify(token)).reason();
    }

    /** Writes the file with a modification time one minute after the last, so no test waits on the clock. */
    private void write(String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(WRITTEN.plusSeconds(60L * version++)));
    }
}
