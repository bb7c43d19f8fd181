package io.opsplane.healing.incident;

import java.util.Locale;

/** An alert's {@code severity} label, ordered so an incident takes its worst alert's severity. */
public enum Severity {
    NONE, INFO, WARNING, CRITICAL;

    /** The severity a label value names, {@code NONE} for an absent or unknown one. */
    public static Severity ofLabel(String value) {
        if (value == null) {
            return NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "error" -> CRITICAL;
            case "warning", "warn" -> WARNING;
            case "info" -> INFO;
            default -> NONE;
        };
    }
}
