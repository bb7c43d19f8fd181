package io.opsplane.pipeline.definition.rules;

/** Ruby's two notions of truth, which GitLab's expression evaluation relies on. */
final class RubyTruth {

    private RubyTruth() {
    }

    /** Ruby truthiness: everything but {@code nil} and {@code false} (so an empty string is truthy). */
    static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value);
    }

    /** Rails' {@code present?}: truthy and, for a string, not blank (not only whitespace). */
    static boolean present(Object value) {
        if (value instanceof String string) {
            return !string.isBlank();
        }
        return truthy(value);
    }
}
