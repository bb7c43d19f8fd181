package io.opsplane.platform.access;

/** Name patterns of scopes: {@code *} matches any run of characters, everything else itself. */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * Whether every name {@code inner} matches is matched by {@code outer}. Exact for the patterns
     * people write (a literal, {@code *}, a prefix with one trailing {@code *}); otherwise it answers
     * only for identical patterns, so escalation checks err on the side of refusing.
     */
    static boolean covers(String outer, String inner) {
        if (outer.equals(inner) || outer.equals("*")) {
            return true;
        }
        if (!inner.contains("*")) {
            return matches(outer, inner);
        }
        int star = outer.indexOf('*');
        if (star == outer.length() - 1) {
            String prefix = outer.substring(0, star);
            return inner.startsWith(prefix);
        }
        return false;
    }
}
