package io.opsplane.platform.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random secrets and log text full of near misses: secrets over tiny alphabets (so occurrences
 * overlap and share prefixes), some inside others, their variants whole and cut short, and filler
 * from the same alphabets.
 */
final class RandomLogs {

    private static final String[] ALPHABETS = {"ab", "abc", "ab /\"é\n", "aZ+=%"};

    private RandomLogs() {
    }

    static List<String> secrets(Random random) {
        List<String> secrets = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
            if (i > 0 && random.nextBoolean()) {
                // One secret inside another: its match ends where the automaton is deep in the longer one.
                String inner = secrets.get(random.nextInt(i));
                secrets.add(randomString(random, alphabet, random.nextInt(4)) + inner
                        + randomString(random, alphabet, 1 + random.nextInt(4)));
            } else {
                secrets.add(randomString(random, alphabet, SecretValue.MIN_LENGTH + random.nextInt(7)));
            }
        }
        return secrets;
    }

    static String text(Random random, List<String> secrets, int pieces) {
        List<String> variants = new ArrayList<>(NaiveMasking.variantsOf(secrets));
        variants.sort(null); // a HashSet's order is not fixed; the seed must give the same text every run
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            String variant = variants.get(random.nextInt(variants.size()));
            switch (random.nextInt(5)) {
                case 0 -> text.append(variant);
                case 1 -> text.append(variant, 0, random.nextInt(variant.length()));
                case 2 -> text.append(variant, random.nextInt(variant.length()), variant.length());
                case 3 -> text.append(secrets.get(random.nextInt(secrets.size())));
                default -> text.append(randomString(random, ALPHABETS[random.nextInt(ALPHABETS.length)],
                        random.nextInt(6)));
            }
        }
        return text.toString();
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
