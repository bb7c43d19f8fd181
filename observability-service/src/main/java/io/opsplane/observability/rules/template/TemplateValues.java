package io.opsplane.observability.rules.template;

import java.util.List;
import java.util.Map;

/** Go's truth and comparison rules for template values (text/template's isTrue, eq, lt, le). */
final class TemplateValues {

    private TemplateValues() {
    }

    static boolean isTrue(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Long l) {
            return l != 0;
        }
        if (value instanceof Double d) {
            return d != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private enum Kind { BOOL, INT, FLOAT, STRING, OTHER }

    private static Kind kind(Object value) {
        if (value instanceof Boolean) {
            return Kind.BOOL;
        }
        if (value instanceof Long) {
            return Kind.INT;
        }
        if (value instanceof Double) {
            return Kind.FLOAT;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static boolean eq(Object first, List<Object> others) {
        if (others.isEmpty()) {
            throw new IllegalArgumentException("missing argument for comparison");
        }
        Kind k1 = kind(first);
        for (Object other : others) {
            Kind k2 = kind(other);
            if (k1 != k2) {
                if (first != null && other != null) {
                    throw new IllegalArgumentException("incompatible types for comparison");
                }
                continue;
            }
            if (k1 == Kind.OTHER) {
                if (first == null || other == null) {
                    if (first == other) {
                        return true;
                    }
                    continue;
                }
                throw new IllegalArgumentException("non-comparable type " + GoFormat.plain(other) + ": "
                        + GoFormat.typeName(other));
            }
            if (first.equals(other) || (k1 == Kind.FLOAT && ((Double) first).doubleValue() == (Double) other)) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object a, Object b) {
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.OTHER || k2 == Kind.OTHER) {
            throw new IllegalArgumentException("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> (Long) a < (Long) b;
            case FLOAT -> (Double) a < (Double) b;
            case STRING -> ((String) a).compareTo((String) b) < 0;
            default -> throw new IllegalArgumentException("invalid type for comparison");
        };
    }

    static boolean le(Object a, Object b) {
        return lt(a, b) || eq(a, List.of(b));
    }
}
