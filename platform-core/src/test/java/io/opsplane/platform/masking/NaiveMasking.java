package io.opsplane.platform.masking;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The masking rule stated as plainly as possible, to check the automaton and the stream against. */
final class NaiveMasking {

    private NaiveMasking() {
    }

    static Set<String> variantsOf(Collection<String> secrets) {
        Set<String> variants = new HashSet<>();
        secrets.forEach(secret -> variants.addAll(SecretVariants.of(secret)));
        return variants;
    }

    /** Marks every char inside any occurrence of any variant; each run of marked chars becomes one mask. */
    static String mask(Collection<String> secrets, String text) {
        boolean[] covered = new boolean[text.length()];
        for (String variant : variantsOf(secrets)) {
            for (int at = text.indexOf(variant); at >= 0; at = text.indexOf(variant, at + 1)) {
                Arrays.fill(covered, at, at + variant.length(), true);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (!covered[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                out.append(Masker.REPLACEMENT);
            }
        }
        return out.toString();
    }
}
