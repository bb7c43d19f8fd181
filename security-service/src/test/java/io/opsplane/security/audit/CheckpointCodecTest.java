package io.opsplane.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointCodecTest {

    private static final String HASH = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    private static final Checkpoint CHECKPOINT = TestLedger.SIGNER.sign(42, HASH,
            Instant.parse("2025-03-01T10:00:00.123456789Z"));
    private static final String ENCODED = "42 " + HASH + " 2025-03-01T10:00:00.123456Z 630dcd2966c43366 "
            + "41b56895f4f21c72931c0cfaec460d510a53216dc9ee26fb6ac3b3da2306c8eb";

    @Test
    void aCheckpointIsOneLineOfFiveSpaceSeparatedParts() {
        assertEquals(ENCODED, CheckpointCodec.encode(CHECKPOINT));
    }

    @Test
    void decodingGivesBackTheSameCheckpoint() {
        Checkpoint decoded = CheckpointCodec.decode(ENCODED);

        assertEquals(CHECKPOINT, decoded);
        assertEquals(ENCODED, CheckpointCodec.encode(decoded));
    }

    @Test
    void aWholeSecondCreatedAtRoundTrips() {
        Checkpoint whole = TestLedger.SIGNER.sign(1, HASH, Instant.parse("2025-03-01T10:00:00Z"));

        assertEquals(whole, CheckpointCodec.decode(CheckpointCodec.encode(whole)));
    }

    static Stream<Arguments> malformed() {
        String sig = CHECKPOINT.signature();
        String tail = " 2025-03-01T10:00:00.123456Z 630dcd2966c43366 " + sig;
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("four parts", "42 " + HASH + " 2025-03-01T10:00:00.123456Z 630dcd2966c43366"),
                Arguments.of("six parts", ENCODED + " extra"),
                Arguments.of("two spaces", "42  " + HASH + tail),
                Arguments.of("tab separated", ENCODED.replace(' ', '\t')),
                Arguments.of("trailing newline", ENCODED + "\n"),
                Arguments.of("trailing space", ENCODED + " "),
                Arguments.of("leading space", " " + ENCODED),
                Arguments.of("seq zero", "0 " + HASH + tail),
                Arguments.of("negative seq", "-42 " + HASH + tail),
                Arguments.of("plus sign", "+42 " + HASH + tail),
                Arguments.of("leading zero", "042 " + HASH + tail),
                Arguments.of("seq past long", "99999999999999999999 " + HASH + tail),
                Arguments.of("seq not a number", "4x2 " + HASH + tail),
                Arguments.of("uppercase hash", "42 " + HASH.toUpperCase() + tail),
                Arguments.of("short hash", "42 " + HASH.substring(1) + tail),
                Arguments.of("not a date", "42 " + HASH + " yesterday 630dcd2966c43366 " + sig),
                Arguments.of("offset other than Z", "42 " + HASH + " 2025-03-01T11:00:00.123456+01:00 630dcd2966c43366 " + sig),
                Arguments.of("padded fraction", "42 " + HASH + " 2025-03-01T10:00:00.1234560Z 630dcd2966c43366 " + sig),
                Arguments.of("short keyId", "42 " + HASH + " 2025-03-01T10:00:00.123456Z 630dcd2966c4336 " + sig),
                Arguments.of("uppercase signature", "42 " + HASH + " 2025-03-01T10:00:00.123456Z 630dcd2966c43366 "
                        + sig.toUpperCase()),
                Arguments.of("NUL", ENCODED.substring(0, 10) + "\u0000" + ENCODED.substring(11)),
                Arguments.of("too long", ENCODED + "a".repeat(CheckpointCodec.MAX_LENGTH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void anythingElseIsRefused(String label, String text) {
        assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(text));
    }

    @Test
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(null));
    }
}
