package io.opsplane.security.secretstore;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.LikePatterns;
import io.opsplane.platform.access.Scope;
import java.util.List;

/**
 * The secret scopes a caller may read, as SQL LIKE patterns ({@link LikePatterns}), so a listing selects only
 * those rows and pages stay full. A secret's scope is a concrete name ({@code pipeline:web}, never a pattern).
 *
 * @param everything a global grant: no condition at all
 * @param likePatterns one pattern per scope the permission is granted at, escaped with {@code \}
 */
record ReadableScopes(boolean everything, List<String> likePatterns) {

    static ReadableScopes of(Authority authority, String permission) {
        List<Scope> scopes = authority.scopesOf(permission);
        if (scopes.stream().anyMatch(Scope::isGlobal)) {
            return new ReadableScopes(true, List.of());
        }
        return new ReadableScopes(false, scopes.stream().map(ReadableScopes::likePattern).toList());
    }

    /** An HQL condition on {@code scope} with parameters numbered from {@code firstParameter}; always true for a global grant. */
    String condition(int firstParameter) {
        if (everything) {
            return "1 = 1";
        }
        if (likePatterns.isEmpty()) {
            return "1 = 0";
        }
        StringBuilder condition = new StringBuilder("(");
        for (int i = 0; i < likePatterns.size(); i++) {
            condition.append(i == 0 ? "" : " or ").append("scope like ?").append(firstParameter + i)
                    .append(" escape '\\'");
        }
        return condition.append(')').toString();
    }

    static String likePattern(Scope scope) {
        return LikePatterns.of(scope.kind()) + ":" + LikePatterns.of(scope.pattern());
    }
}
