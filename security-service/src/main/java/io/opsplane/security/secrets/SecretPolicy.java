package io.opsplane.security.secrets;

import java.util.regex.Pattern;

/**
 * What a stored secret may be: a name a job can use as an environment variable, a scope the platform knows, and
 * a value that log masking can hide. Every error is an {@link IllegalArgumentException} whose message never
 * contains the value (nor the rejected name or scope, in case a value was typed there by mistake).
 */
public final class SecretPolicy {

    /**
     * Below this, masking a value in job logs is unreliable: a short string also turns up in ordinary output, so
     * masking it mangles the log, and where the mask appears hints at the value.
     */
    public static final int MIN_VALUE_CHARACTERS = 8;
    public static final int MAX_VALUE_CHARACTERS = 65_536;

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    private static final Pattern SCOPE =
            Pattern.compile("^(global|(project|pipeline|environment):[A-Za-z0-9][A-Za-z0-9._-]{0,127})$");

    private SecretPolicy() {
    }

    /** {@code name}, when it matches {@code [A-Za-z_][A-Za-z0-9_]{0,127}}. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name must be 1 to 128 letters, digits or underscores, not "
                    + "starting with a digit, so that jobs can use it as an environment variable");
        }
        return name;
    }

    /** {@code scope}, when it is {@code global} or a project, pipeline or environment by name. */
    public static String checkScope(String scope) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("secret scope must be 'global', 'project:<name>', "
                    + "'pipeline:<name>' or 'environment:<name>', where <name> is 1 to 128 letters, digits or "
                    + "'._-', starting with a letter or digit");
        }
        return scope;
    }

    /**
     * {@code value}, when it has 8 to 65,536 characters and no U+0000. Lengths count Unicode characters (code
     * points), not UTF-16 units or bytes.
     */
    public static String checkValue(String value) {
        if (value == null) {
            throw new IllegalArgumentException("secret value is required");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("secret value must not contain U+0000");
        }
        // A character takes one or two UTF-16 units: past twice the maximum in units, it is too long uncounted.
        int characters = value.length() > 2 * MAX_VALUE_CHARACTERS
                ? Integer.MAX_VALUE
                : value.codePointCount(0, value.length());
        if (characters > MAX_VALUE_CHARACTERS) {
            throw new IllegalArgumentException("secret value must be at most " + MAX_VALUE_CHARACTERS + " characters");
        }
        if (characters < MIN_VALUE_CHARACTERS) {
            throw new IllegalArgumentException("secret value must be at least " + MIN_VALUE_CHARACTERS
                    + " characters: shorter values cannot be masked reliably in job logs");
        }
        return value;
    }
}
