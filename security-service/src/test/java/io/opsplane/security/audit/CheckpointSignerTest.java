package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointSignerTest {

    private static final String HASH = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00.123456789Z");

    /** The expected signature was computed by a separate HMAC implementation over the documented text. */
    @Test
    void theSignatureIsHmacSha256OfTheDocumentedText() {
        Checkpoint checkpoint = TestLedger.SIGNER.sign(42, HASH, CREATED);

        assertEquals("630dcd2966c43366", checkpoint.keyId());
        assertEquals("41b56895f4f21c72931c0cfaec460d510a53216dc9ee26fb6ac3b3da2306c8eb", checkpoint.signature());
        assertEquals(Instant.parse("2025-03-01T10:00:00.123456Z"), checkpoint.createdAt());
    }

    @Test
    void aSignedCheckpointVerifies() {
        Checkpoint checkpoint = TestLedger.SIGNER.sign(42, HASH, CREATED);

        assertTrue(TestLedger.SIGNER.verify(checkpoint));
        assertEquals(checkpoint, TestLedger.SIGNER.sign(42, HASH, CREATED));
    }

    static Stream<Arguments> alterations() {
        return Stream.of(
                Arguments.of("seq", (UnaryOperator<Checkpoint>) c -> new Checkpoint(c.seq() + 1, c.hash(),
                        c.createdAt(), c.keyId(), c.signature())),
                Arguments.of("hash", (UnaryOperator<Checkpoint>) c -> new Checkpoint(c.seq(),
                        TestLedger.flipFirstDigit(c.hash()), c.createdAt(), c.keyId(), c.signature())),
                Arguments.of("createdAt", (UnaryOperator<Checkpoint>) c -> new Checkpoint(c.seq(), c.hash(),
                        c.createdAt().plusNanos(1_000), c.keyId(), c.signature())),
                Arguments.of("keyId", (UnaryOperator<Checkpoint>) c -> new Checkpoint(c.seq(), c.hash(),
                        c.createdAt(), TestLedger.flipFirstDigit(c.keyId()), c.signature())),
                Arguments.of("signature", (UnaryOperator<Checkpoint>) c -> new Checkpoint(c.seq(), c.hash(),
                        c.createdAt(), c.keyId(), TestLedger.flipFirstDigit(c.signature()))),
                Arguments.of("other key", (UnaryOperator<Checkpoint>) c -> TestLedger.OTHER_SIGNER.sign(c.seq(),
                        c.hash(), c.createdAt())),
                Arguments.of("other key, this keyId", (UnaryOperator<Checkpoint>) c -> {
                    Checkpoint other = TestLedger.OTHER_SIGNER.sign(c.seq(), c.hash(), c.createdAt());
                    return new Checkpoint(c.seq(), c.hash(), c.createdAt(), c.keyId(), other.signature());
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void anyChangeToASignedCheckpointFailsVerification(String label, UnaryOperator<Checkpoint> alter) {
        Checkpoint altered = alter.apply(TestLedger.SIGNER.sign(42, HASH, CREATED));

        assertFalse(TestLedger.SIGNER.verify(altered));
    }

    @Test
    void eachKeyVerifiesOnlyItsOwnCheckpoints() {
        Checkpoint other = TestLedger.OTHER_SIGNER.sign(42, HASH, CREATED);

        assertTrue(TestLedger.OTHER_SIGNER.verify(other));
        assertFalse(TestLedger.SIGNER.verify(other));
        assertEquals(TestLedger.OTHER_KEY.keyId(), other.keyId());
    }

    @Test
    void malformedCheckpointsCannotBeSigned() {
        assertThrows(IllegalArgumentException.class, () -> TestLedger.SIGNER.sign(0, HASH, CREATED));
        assertThrows(IllegalArgumentException.class, () -> TestLedger.SIGNER.sign(1, "abc", CREATED));
        assertThrows(IllegalArgumentException.class, () -> TestLedger.SIGNER.sign(1, HASH.toUpperCase(), CREATED));
        assertThrows(NullPointerException.class, () -> TestLedger.SIGNER.sign(1, HASH, null));
    }
}
