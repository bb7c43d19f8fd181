package io.opsplane.platform.access;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a binding applies: {@code global}, or objects of one kind whose name matches a pattern
 * ({@code pipeline:web}, {@code environment:prod-*}, {@code project:shop}).
 */
public record Scope(String kind, String pattern) {

    public static final String GLOBAL_KIND = "global";
    public static final Scope GLOBAL = new Scope(GLOBAL_KIND, "");
    /** The kinds of object a scope may name. */
    public static final Set<String> KINDS = Set.of("project", "pipeline", "application", "environment");
    private static final Pattern NAME_PATTERN = Pattern.compile("^[A-Za-z0-9*][A-Za-z0-9._*/-]{0,127}$");

    /** Parses {@code global} or {@code <kind>:<pattern>}; IllegalArgumentException naming what is wrong. */
    public static Scope parse(String text) {
        if (text == null || text.isEmpty() || text.equals(GLOBAL_KIND)) {
            return GLOBAL;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("scope '" + text + "' must be 'global' or '<kind>:<name>' with kind one of "
                    + new java.util.TreeSet<>(KINDS));
        }
        String kind = text.substring(0, colon);
        String pattern = text.substring(colon + 1);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("scope kind '" + kind + "' is unknown; known kinds: global, "
                    + String.join(", ", new java.util.TreeSet<>(KINDS)));
        }
        if (!NAME_PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("scope name '" + pattern + "' must be 1 to 128 letters, digits, '._/-' or '*'");
        }
        return new Scope(kind, pattern);
    }

    public boolean isGlobal() {
        return GLOBAL_KIND.equals(kind);
    }

    /** Whether this scope reaches the object: it names the object or one that contains it. */
    public boolean matches(ResourceRef resource) {
        if (isGlobal()) {
            return true;
        }
        if (resource.isGlobal()) {
            return false;
        }
        if (kind.equals(resource.kind()) && Glob.matches(pattern, resource.name())) {
            return true;
        }
        for (ResourceRef container : resource.within()) {
            if (kind.equals(container.kind()) && Glob.matches(pattern, container.name())) {
                return true;
            }
        }
        return false;
    }

    /** Whether everything {@code other} reaches, this scope reaches too. */
    public boolean covers(Scope other) {
        if (isGlobal()) {
            return true;
        }
        return !other.isGlobal() && kind.equals(other.kind()) && Glob.covers(pattern, other.pattern());
    }

    @Override
    public String toString() {
        return isGlobal() ? GLOBAL_KIND : kind + ":" + pattern;
    }
}
