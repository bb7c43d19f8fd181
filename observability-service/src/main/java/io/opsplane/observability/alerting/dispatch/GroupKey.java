package io.opsplane.observability.alerting.dispatch;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alertmanager's group key: the route key, a colon, and the group labels sorted by name with Go-quoted values
 * joined by ", ", such as {@code {}/{service="db"}:{alertname="X", cluster="c1"}}.
 */
public final class GroupKey {

    private GroupKey() {
    }

    public static String of(String routeKey, Map<String, String> groupLabels) {
        return routeKey + ":" + new TreeMap<>(groupLabels).entrySet().stream()
                .map(label -> label.getKey() + "=" + goQuote(label.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Go's {@code strconv.Quote}: printable characters as they are, the rest escaped. */
    static String goQuote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case 7 -> quoted.append("\\a");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case 11 -> quoted.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", c));
                    } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        quoted.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
