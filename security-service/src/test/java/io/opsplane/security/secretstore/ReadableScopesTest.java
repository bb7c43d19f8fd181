package io.opsplane.security.secretstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.Scope;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadableScopesTest {

    private static Authority grantedAt(String... scopes) {
        return new Authority(List.of(scopes).stream()
                .map(scope -> new Grant("viewer", Scope.parse(scope), Set.of("secrets:read"), "token")).toList());
    }

    /** LIKE as PostgreSQL evaluates it, with backslash as the escape character. */
    private static boolean like(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches(regex.toString());
    }

    @Test
    void aGlobalGrantReadsEverything() {
        ReadableScopes readable = ReadableScopes.of(grantedAt("pipeline:web", "global"), "secrets:read");

        assertTrue(readable.everything());
        assertEquals("1 = 1", readable.condition(4));
    }

    @Test
    void noGrantReadsNothing() {
        assertEquals("1 = 0", ReadableScopes.of(grantedAt(), "secrets:read").condition(4));
    }

    @Test
    void eachScopeBecomesOneNumberedCondition() {
        ReadableScopes readable = ReadableScopes.of(grantedAt("pipeline:web", "environment:prod-*"), "secrets:read");

        assertEquals(List.of("pipeline:web", "environment:prod-%"), readable.likePatterns());
        assertEquals("(scope like ?4 escape '\\' or scope like ?5 escape '\\')", readable.condition(4));
    }

    @Test
    void thePatternMatchesExactlyWhatTheScopeReaches() {
        String[] secretScopes = {"pipeline:web", "pipeline:web-1", "pipeline:webshop", "pipeline:w.b", "pipeline:wxb",
            "project:web", "environment:web", "pipeline:a.web.b"};
        for (String granted : List.of("pipeline:web", "pipeline:web*", "pipeline:w.b", "pipeline:*web*",
                "pipeline:*", "project:web")) {
            Scope scope = Scope.parse(granted);
            String pattern = ReadableScopes.likePattern(scope);
            for (String secretScope : secretScopes) {
                boolean reaches = scope.covers(Scope.parse(secretScope));
                assertEquals(reaches, like(pattern, secretScope), granted + " vs " + secretScope);
            }
        }
        assertFalse(like(ReadableScopes.likePattern(Scope.parse("pipeline:w.b")), "pipeline:wxb"));
    }
}
