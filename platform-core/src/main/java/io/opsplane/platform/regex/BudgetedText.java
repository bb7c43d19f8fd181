package io.opsplane.platform.regex;

/**
 * A text that stops a regex match which reads it more often than its budget allows: Java's engine can backtrack
 * for a very long time on nested quantifiers such as {@code (a+)+}, where RE2 would answer in linear time.
 */
final class BudgetedText implements CharSequence {

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("the pattern backtracks too much", null, false, false);
        }
    }

    private final CharSequence text;
    private final int[] reads;
    private final int budget;

    BudgetedText(CharSequence text, int budget) {
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
