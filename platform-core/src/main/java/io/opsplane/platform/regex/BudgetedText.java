package io.opsplane.platform.regex;

/**
 * A text that stops a regex match which reads it more often than its budget allows: Java's engine can backtrack
 * for a very long time on nested quantifiers such as {@code (a+)+}, where RE2 would answer in linear time. Wrap the
 * text of any {@link java.util.regex.Matcher} (also one that needs groups) and catch {@link Exhausted}.
 */
public final class BudgetedText implements CharSequence {

    /** The match read the text more often than the budget allows. */
    public static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("the pattern backtracks too much", null, false, false);
        }
    }

    private final CharSequence text;
    private final int[] reads;
    private final int budget;

    public BudgetedText(CharSequence text, int budget) {
        this(text, new int[] {0}, budget);
    }

    private BudgetedText(CharSequence text, int[] reads, int budget) {
        this.text = text;
        this.reads = reads;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > budget) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.subSequence(start, end), reads, budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
