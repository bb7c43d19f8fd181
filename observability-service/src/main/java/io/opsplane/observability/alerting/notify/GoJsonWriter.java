package io.opsplane.observability.alerting.notify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Writes JSON byte for byte as Go's {@code json.Encoder} does with its defaults, so a payload equals Alertmanager's:
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \\u} escapes (HTML-safe), control characters as
 * {@code \\u00XX} except {@code \\n \\r \\t}, a lone surrogate as U+FFFD, maps with their keys sorted, and a final
 * line feed.
 */
final class GoJsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> firstInContainer = new ArrayDeque<>();
    private boolean afterName;

    GoJsonWriter beginObject() {
        separate();
        out.append('{');
        firstInContainer.push(true);
        return this;
    }

    GoJsonWriter endObject() {
        firstInContainer.pop();
        out.append('}');
        return this;
    }

    GoJsonWriter beginArray() {
        separate();
        out.append('[');
        firstInContainer.push(true);
        return this;
    }

    GoJsonWriter endArray() {
        firstInContainer.pop();
        out.append(']');
        return this;
    }

    GoJsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    GoJsonWriter value(String text) {
        separate();
        quote(text);
        return this;
    }

    GoJsonWriter value(long number) {
        separate();
        out.append(number);
        return this;
    }

    /** A Go {@code map[string]string}: keys sorted. */
    GoJsonWriter value(Map<String, String> map) {
        beginObject();
        new java.util.TreeMap<>(map).forEach((key, text) -> name(key).value(text));
        return endObject();
    }

    /** The document, with the line feed {@code json.Encoder} ends it with. */
    String finish() {
        return out + "\n";
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!firstInContainer.isEmpty()) {
            if (!firstInContainer.pop()) {
                out.append(',');
            }
            firstInContainer.push(false);
        }
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\ufffd');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
