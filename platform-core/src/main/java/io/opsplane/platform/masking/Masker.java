package io.opsplane.platform.masking;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hides secrets in text: every occurrence of any {@link SecretVariants variant} of any secret is
 * replaced by {@link #REPLACEMENT}, and matches that overlap or touch become one replacement. All
 * variants are matched in one pass (an Aho–Corasick automaton), so the cost is linear in the text
 * whatever the number of secrets. Built once; immutable and safe to share between threads.
 */
public final class Masker {

    /** What a masked range is replaced by. */
    public static final String REPLACEMENT = "[MASKED]";

    private static final Masker NONE = new Masker(MatchAutomaton.of(List.of()));

    private final MatchAutomaton automaton;

    private Masker(MatchAutomaton automaton) {
        this.automaton = automaton;
    }

    /**
     * A masker for {@code secrets}, each checked with {@link SecretValue#requireMaskable}.
     *
     * @throws IllegalArgumentException if a secret cannot be masked
     */
    public static Masker of(Collection<String> secrets) {
        for (String secret : secrets) {
            SecretValue.requireMaskable(secret);
        }
        if (secrets.isEmpty()) {
            return NONE;
        }
        Set<String> variants = new HashSet<>();
        for (String secret : secrets) {
            variants.addAll(SecretVariants.of(secret));
        }
        return new Masker(MatchAutomaton.of(variants));
    }

    /** {@code text} with every secret replaced; the text itself if there are no secrets. */
    public String mask(CharSequence text) {
        if (automaton.isEmpty()) {
            return text.toString();
        }
        StringBuilder out = new StringBuilder(text.length());
        MaskingStream stream = stream();
        stream.writeTo(text, out);
        stream.finishTo(out);
        return out.toString();
    }

    /** A new stream for masking one log written in chunks. */
    public MaskingStream stream() {
        return new MaskingStream(automaton);
    }

    /** The longest string masked; a stream holds back fewer chars than this. */
    int longestVariantLength() {
        return automaton.longestPattern();
    }
}
