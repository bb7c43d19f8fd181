package io.opsplane.observability.rules.template;

/**
 * Text that stops a regex match reading it more often than a budget allows, so a pattern such as
 * {@code (a+)+b}, linear in RE2 but exponential in Java's engine, cannot stall an evaluation.
 */
final class ReadBudget implements CharSequence {

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("the pattern backtracks too much", null, false, false);
        }
    }

    private final CharSequence text;
    private final int[] reads;
    private final int budget;

    ReadBudget(CharSequence text, int budget) {
        this(text, new int[] {0}, budget);
    }

    private ReadBudget(CharSequence text, int[] reads, int budget) {
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
        return new ReadBudget(text.subSequence(start, end), reads, budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
