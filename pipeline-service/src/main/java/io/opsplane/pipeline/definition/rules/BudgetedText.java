package io.opsplane.pipeline.definition.rules;

/** A text that stops a regex match which reads it too often (catastrophic backtracking). */
final class BudgetedText implements CharSequence {

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("the pattern backtracks too much", null, false, false);
        }
    }

    private final String text;
    private final int[] reads;

    BudgetedText(String text) {
        this(text, new int[] {0});
    }

    private BudgetedText(String text, int[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > RegexPattern.READ_BUDGET) {
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
        return new BudgetedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
