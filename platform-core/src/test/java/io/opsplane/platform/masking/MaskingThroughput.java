package io.opsplane.platform.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Prints how fast 64 MiB of log-like text with 20 secrets is masked, written to a stream in 8 KiB
 * chunks and masked whole. A figure for comparison, not a test: run it by hand with
 * {@code java -cp target/classes:target/test-classes io.opsplane.platform.masking.MaskingThroughput}.
 */
public final class MaskingThroughput {

    private static final int MIB = 1 << 20;
    private static final int TEXT_MIB = 64;
    private static final int CHUNK = 8 * 1024;

    private MaskingThroughput() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            secrets.add(token(random, 16 + random.nextInt(25)));
        }
        Masker masker = Masker.of(secrets);
        String text = logText(random, secrets, TEXT_MIB * MIB);
        System.out.printf("20 secrets, %d variants, longest %d chars%n",
                NaiveMasking.variantsOf(secrets).size(), masker.longestVariantLength());
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            long out = streamInChunks(masker, text);
            double streamed = mibPerSecond(text.length(), System.nanoTime() - start);
            start = System.nanoTime();
            out += masker.mask(text).length();
            double whole = mibPerSecond(text.length(), System.nanoTime() - start);
            System.out.printf("round %d: stream (8 KiB writes) %.0f MiB/s, mask(whole) %.0f MiB/s [%d]%n",
                    round, streamed, whole, out);
        }
    }

    private static long streamInChunks(Masker masker, String text) {
        MaskingStream stream = masker.stream();
        long written = 0;
        for (int at = 0; at < text.length(); at += CHUNK) {
            written += stream.write(text.subSequence(at, Math.min(text.length(), at + CHUNK))).length();
        }
        return written + stream.finish().length();
    }

    private static double mibPerSecond(long chars, long nanos) {
        return chars / (double) MIB / (nanos / 1e9);
    }

    /** Build-log lines; about one in 200 carries a secret, plain or base64-encoded. */
    private static String logText(Random random, List<String> secrets, int length) {
        String[] steps = {"resolving dependencies", "compiling module", "running tests", "uploading artifact",
                "pulling image", "applying manifest"};
        StringBuilder text = new StringBuilder(length + 512);
        long line = 0;
        while (text.length() < length) {
            text.append("2025-06-01T12:").append(10 + random.nextInt(50)).append(':')
                    .append(10 + random.nextInt(50)).append('.').append(100 + random.nextInt(900))
                    .append("Z INFO [job-").append(random.nextInt(64)).append("] step ").append(line++ % 40)
                    .append(": ").append(steps[random.nextInt(steps.length)])
                    .append(" https://repo.example.org/artifacts/lib-").append(random.nextInt(10_000))
                    .append(".jar (").append(random.nextInt(1 << 20)).append(" bytes) sha256=")
                    .append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()));
            if (random.nextInt(200) == 0) {
                String secret = secrets.get(random.nextInt(secrets.size()));
                text.append(random.nextBoolean() ? " token=" + secret
                        : " auth=" + Base64.getEncoder().encodeToString(("ci:" + secret).getBytes(StandardCharsets.UTF_8)));
            }
            text.append('\n');
        }
        text.setLength(length);
        return text.toString();
    }

    private static String token(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!$/+=";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
