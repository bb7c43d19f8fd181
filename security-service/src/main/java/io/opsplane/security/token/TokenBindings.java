package io.opsplane.security.token;

import io.opsplane.platform.access.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The bindings a token carries, as stored in its {@code roles} column: comma-separated
 * {@code role@scope} entries, {@code role} alone meaning the global scope. None: the token acts with
 * its subject's stored bindings.
 */
public final class TokenBindings {

    /** One role at one scope. */
    public record Entry(String role, Scope scope) {
        @Override
        public String toString() {
            return scope.isGlobal() ? role : role + "@" + scope;
        }
    }

    private TokenBindings() {
    }

    public static List<Entry> parse(String column) {
        List<Entry> entries = new ArrayList<>();
        if (column == null || column.isBlank()) {
            return entries;
        }
        for (String item : column.split(",")) {
            int at = item.indexOf('@');
            entries.add(at < 0 ? new Entry(item, Scope.GLOBAL)
                    : new Entry(item.substring(0, at), Scope.parse(item.substring(at + 1))));
        }
        return entries;
    }

    public static String format(List<Entry> entries) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        entries.forEach(entry -> unique.add(entry.toString()));
        String column = String.join(",", unique);
        if (column.length() > 4096) {
            throw new IllegalArgumentException("a token carries at most 4096 characters of bindings");
        }
        return column;
    }
}
