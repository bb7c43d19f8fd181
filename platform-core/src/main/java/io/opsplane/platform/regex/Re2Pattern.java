package io.opsplane.platform.regex;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression limited to what RE2 supports ({@link Re2Constructs}), compiled with Java's engine and
 * matched under a read budget: a match that reads the text more than {@code readBudget} times is abandoned and
 * counts as no match. Known remaining differences from RE2: Java's {@code \h} is horizontal space (RE2 has none);
 * Java's classes such as {@code \w} are ASCII-only, like RE2's.
 */
public final class Re2Pattern {

    public static final int DEFAULT_READ_BUDGET = 1_000_000;

    /** Why a regular expression was refused; {@code unsupportedConstruct} is set when RE2 lacks what it uses. */
    public static final class InvalidRegexException extends IllegalArgumentException {
        private final String description;
        private final Optional<String> unsupportedConstruct;

        InvalidRegexException(String description, Optional<String> unsupportedConstruct) {
            super(description, null);
            this.description = description;
            this.unsupportedConstruct = unsupportedConstruct;
        }

        public String description() {
            return description;
        }

        public Optional<String> unsupportedConstruct() {
            return unsupportedConstruct;
        }
    }

    private final Pattern pattern;
    private final int readBudget;

    private Re2Pattern(Pattern pattern, int readBudget) {
        this.pattern = pattern;
        this.readBudget = readBudget;
    }

    public static Re2Pattern compile(String regex, int flags) {
        return compile(regex, flags, DEFAULT_READ_BUDGET);
    }

    /** @throws InvalidRegexException when RE2 lacks a construct it uses or Java cannot compile it */
    public static Re2Pattern compile(String regex, int flags, int readBudget) {
        Optional<String> unsupported = Re2Constructs.firstUnsupported(regex);
        if (unsupported.isPresent()) {
            throw new InvalidRegexException("the regular expression uses " + unsupported.get()
                    + ", which RE2 does not support", unsupported);
        }
        try {
            return new Re2Pattern(Pattern.compile(regex, flags), readBudget);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException("invalid regular expression: " + e.getDescription(), Optional.empty());
        }
    }

    /** Whether the pattern is found anywhere in {@code text}; false when the budget runs out. */
    public boolean foundIn(CharSequence text) {
        try {
            return pattern.matcher(new BudgetedText(text, readBudget)).find();
        } catch (BudgetedText.Exhausted e) {
            return false;
        }
    }

    /** Whether the pattern matches the whole of {@code text}; false when the budget runs out. */
    public boolean matchesWhole(CharSequence text) {
        try {
            return pattern.matcher(new BudgetedText(text, readBudget)).matches();
        } catch (BudgetedText.Exhausted e) {
            return false;
        }
    }

    public String regex() {
        return pattern.pattern();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
