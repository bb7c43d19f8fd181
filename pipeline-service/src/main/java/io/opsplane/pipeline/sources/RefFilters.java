package io.opsplane.pipeline.sources;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which refs of a source start runs: glob patterns of branches (none: every branch) and of tags (none: no tag).
 * In a pattern, {@code *} matches within one path segment (no {@code /}), {@code **} across segments and
 * {@code ?} one character; everything else is literal.
 */
public final class RefFilters {

    private static final int MAX_PATTERNS = 50;

    private final List<String> branches;
    private final List<String> tags;

    public RefFilters(List<String> branches, List<String> tags) {
        this.branches = List.copyOf(branches);
        this.tags = List.copyOf(tags);
    }

    /** Whether a ref ({@code refs/heads/x}, {@code refs/tags/x}, or a bare branch name) starts runs. */
    public boolean accepts(String ref) {
        if (ref.startsWith("refs/tags/")) {
            String tag = ref.substring("refs/tags/".length());
            return tags.stream().anyMatch(p -> matches(p, tag));
        }
        String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        if (branch.startsWith("refs/")) {
            return false;
        }
        return branches.isEmpty() || branches.stream().anyMatch(p -> matches(p, branch));
    }

    /** Refuses patterns that are empty, too long or hold control characters. */
    public static void validate(List<String> patterns, String what) {
        if (patterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("at most " + MAX_PATTERNS + " " + what + " patterns");
        }
        for (String pattern : patterns) {
            if (pattern.isBlank() || pattern.length() > 255 || pattern.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException(what + " pattern '" + pattern
                        + "' must be 1 to 255 characters without control characters");
            }
        }
    }

    static boolean matches(String glob, String name) {
        return regex(glob).matcher(name).matches();
    }

    static Pattern regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                out.append(".*");
                i++;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(out.toString());
    }
}
