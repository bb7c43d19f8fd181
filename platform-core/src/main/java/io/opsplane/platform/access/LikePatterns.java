package io.opsplane.platform.access;

/**
 * Scope patterns as SQL LIKE patterns (escape character {@code \}), so a listing can select only the rows a caller
 * may see and keep its pages full. A scope pattern reaches a name exactly when the name matches with {@code *} as
 * any run of characters: what LIKE does with {@code %} once LIKE's own wildcards are escaped. The caller still
 * checks each row with its {@link Authority}, which stays the one rule.
 */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** {@code web-*} becomes {@code web-%}; {@code %}, {@code _} and {@code \} stand for themselves. */
    public static String of(String scopePattern) {
        return scopePattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
    }
}
