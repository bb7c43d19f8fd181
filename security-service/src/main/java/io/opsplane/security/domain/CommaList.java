package io.opsplane.security.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Names stored as one comma-separated column; the names themselves never hold a comma. */
final class CommaList {

    private CommaList() {
    }

    static String join(Collection<String> names) {
        return String.join(",", new TreeSet<>(names));
    }

    static Set<String> split(String column) {
        if (column == null || column.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.asList(column.split(",")));
    }
}
