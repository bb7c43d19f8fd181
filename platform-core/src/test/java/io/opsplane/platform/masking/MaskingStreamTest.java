package io.opsplane.platform.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingStreamTest {

    private static final String M = Masker.REPLACEMENT;
    private static final String SECRET = "supersecret1";

    private final Masker masker = Masker.of(List.of(SECRET));

    @Test
    void aSecretSplitAcrossTwoWritesIsHeldBackThenMasked() {
        MaskingStream stream = masker.stream();
        String first = stream.write("user=supersec");
        assertEquals("user=", first);
        String rest = stream.write("ret1 done\n") + stream.finish();
        assertEquals("user=" + M + " done\n", first + rest);
    }

    @Test
    void aSecretWrittenOneCharAtATimeNeverShowsUp() {
        String text = "a supersecret1 b supersecret1supersecret1 c supersupersecret1";
        MaskingStream stream = masker.stream();
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(stream.write(String.valueOf(c)));
            assertTrue(stream.heldBackLength() < masker.longestVariantLength());
        }
        out.append(stream.finish());
        assertEquals("a " + M + " b " + M + " c super" + M, out.toString());
        assertEquals(masker.mask(text), out.toString());
    }

    @Test
    void textThatCannotBeginASecretIsNotHeldBack() {
        MaskingStream stream = masker.stream();
        assertEquals("build started\n", stream.write("build started\n"));
        assertEquals(0, stream.heldBackLength());
        assertEquals("step 1 supersecret1 ok\n".replace(SECRET, M), stream.write("step 1 supersecret1 ok\n"));
    }

    @Test
    void aMatchAtTheEndOfAWriteIsReplacedRightAway() {
        MaskingStream stream = masker.stream();
        assertEquals("x=" + M, stream.write("x=supersecret1"));
        // A secret right after still merges into the replacement already written.
        assertEquals("", stream.write("supersecret1"));
        assertEquals(" y", stream.write(" y"));
        assertEquals("", stream.finish());
    }

    @Test
    void emptyChunksChangeNothing() {
        MaskingStream stream = masker.stream();
        StringBuilder out = new StringBuilder();
        out.append(stream.write(""));
        out.append(stream.write("key supers"));
        out.append(stream.write(""));
        out.append(stream.write("ecret1"));
        out.append(stream.write(""));
        out.append(stream.finish());
        assertEquals("key " + M, out.toString());
    }

    @Test
    void finishTwiceReturnsNothingTheSecondTime() {
        MaskingStream stream = masker.stream();
        assertEquals("tail ", stream.write("tail supersecr"));
        assertEquals("supersecr", stream.finish());
        assertEquals("", stream.finish());
        assertThrows(IllegalStateException.class, () -> stream.write("more"));
    }

    @Test
    void finishOnAnUnusedStreamReturnsNothing() {
        assertEquals("", masker.stream().finish());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100_000, 3_000_000})
    void aChunkOfAnySizeLeavesAtMostTheLongestVariantHeldBack(int fillerLength) {
        String filler = "log line without secrets\n".repeat(fillerLength / 25 + 1).substring(0, fillerLength);
        String chunk = SECRET + filler + SECRET + filler + "supersecret";
        MaskingStream stream = masker.stream();
        String out = stream.write(chunk);
        assertTrue(stream.heldBackLength() < masker.longestVariantLength());
        assertEquals("supersecret".length(), stream.heldBackLength());
        assertEquals(M + filler + M + filler + "supersecret", out + stream.finish());
    }

    @Test
    void randomChunkingsGiveWhatMaskingTheWholeTextGives() {
        Random random = new Random(20_240_601);
        for (int round = 0; round < 400; round++) {
            List<String> secrets = RandomLogs.secrets(random);
            Masker randomMasker = Masker.of(secrets);
            String text = RandomLogs.text(random, secrets, 60);
            String whole = randomMasker.mask(text);
            assertEquals(NaiveMasking.mask(secrets, text), whole, text);
            for (int chunking = 0; chunking < 10; chunking++) {
                String streamed = writeInRandomChunks(random, randomMasker, text);
                assertEquals(whole, streamed, text);
                for (String secret : secrets) {
                    assertFalse(streamed.contains(secret), streamed);
                }
            }
        }
    }

    private static String writeInRandomChunks(Random random, Masker masker, String text) {
        MaskingStream stream = masker.stream();
        List<String> outputs = new ArrayList<>();
        int maxChunk = 1 + random.nextInt(2 * masker.longestVariantLength());
        int at = 0;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + random.nextInt(maxChunk + 1));
            outputs.add(stream.write(text.subSequence(at, end)));
            assertTrue(stream.heldBackLength() < masker.longestVariantLength());
            at = end;
        }
        outputs.add(stream.finish());
        return String.join("", outputs);
    }
}
