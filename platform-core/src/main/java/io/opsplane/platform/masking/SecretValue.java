package io.opsplane.platform.masking;

import java.util.Objects;

/**
 * The rules a secret value must meet before it can be masked. Lengths count Java {@code char}s, the
 * unit the masker matches in. Error messages never include the value.
 */
public final class SecretValue {

    /** Shorter values would mask ordinary words and numbers, and still leak through guessing. */
    public static final int MIN_LENGTH = 8;

    /** Bounds the matcher's memory and how much of a log stream is held back. */
    public static final int MAX_LENGTH = 65_536;

    private SecretValue() {
    }

    /**
     * Returns {@code value} if it can be masked.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if it is too short, too long or contains U+0000
     */
    public static String requireMaskable(String value) {
        Objects.requireNonNull(value, "a secret value is required");
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a secret value must have at least " + MIN_LENGTH
                    + " characters: masking a shorter one is unreliable, it would hide ordinary text"
                    + " and the value could still be guessed from what is left");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a secret value must have at most " + MAX_LENGTH + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a secret value must not contain the NUL character (U+0000)");
        }
        return value;
    }
}
