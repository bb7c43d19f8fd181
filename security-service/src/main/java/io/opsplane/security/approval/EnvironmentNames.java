package io.opsplane.security.approval;

import java.util.regex.Pattern;

/**
 * Environment names, and the patterns protections are written with: a name ({@code prod}), a prefix
 * followed by one {@code *} ({@code prod-*}), or {@code *} alone. Only trailing stars, so whether two
 * protections overlap is exact and one protection at most governs an environment.
 */
public final class EnvironmentNames {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    private static final Pattern PATTERN = Pattern.compile("^(\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,126}\\*?)$");

    private EnvironmentNames() {
    }

    /** The name, or IllegalArgumentException saying what a name may be. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("environment '" + printable(name) + "' must be 1 to 128 letters, "
                    + "digits or '._-', starting with a letter or digit");
        }
        return name;
    }

    /** The pattern, or IllegalArgumentException saying what a pattern may be. */
    public static String requirePattern(String pattern) {
        if (pattern == null || !PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("environment '" + printable(pattern) + "' must be a name (1 to 128 "
                    + "letters, digits or '._-', starting with a letter or digit), optionally ending in '*'");
        }
        return pattern;
    }

    public static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(prefix(pattern)) : pattern.equals(name);
    }

    /** Whether some environment name matches both patterns. */
    public static boolean overlap(String a, String b) {
        boolean aWild = a.endsWith("*");
        boolean bWild = b.endsWith("*");
        if (!aWild && !bWild) {
            return a.equals(b);
        }
        if (aWild && bWild) {
            return prefix(a).startsWith(prefix(b)) || prefix(b).startsWith(prefix(a));
        }
        return aWild ? b.startsWith(prefix(a)) : a.startsWith(prefix(b));
    }

    private static String prefix(String pattern) {
        return pattern.substring(0, pattern.length() - 1);
    }

    /** Echoes a rejected value without control characters and without flooding the message. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
