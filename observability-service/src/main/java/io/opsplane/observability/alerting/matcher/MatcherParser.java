package io.opsplane.observability.alerting.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alertmanager 0.25's matcher syntax ({@code pkg/labels/parse.go}): {@code name="value"}, {@code name!=value},
 * {@code name=~"re"}, {@code name!~re}, several separated by commas and optionally wrapped in braces. A quoted value
 * may contain commas; inside it {@code \"}, {@code \\} and {@code \n} are escapes, and any other backslash stays
 * as it is (as Alertmanager, so {@code \d} reaches the regular expression).
 */
public final class MatcherParser {

    private static final Pattern MATCHER = Pattern.compile(
            "^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

    private MatcherParser() {
    }

    /** Parses a list such as {@code {severity="critical", team=~"db|web"}}; an empty list is allowed. */
    public static List<Matcher> parseAll(String text) {
        String body = text;
        if (body.startsWith("{")) {
            body = body.substring(1);
        }
        if (body.endsWith("}")) {
            body = body.substring(0, body.length() - 1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ',' && !insideQuotes) {
                tokens.add(token.toString());
                token.setLength(0);
                continue;
            }
            if (c == '"') {
                if (escaped) {
                    escaped = false;
                } else {
                    insideQuotes = !insideQuotes;
                }
            } else if (c == '\\') {
                escaped = !escaped;
            } else {
                escaped = false;
            }
            token.append(c);
        }
        if (!token.toString().trim().isEmpty()) {
            tokens.add(token.toString().trim());
        }
        List<Matcher> matchers = new ArrayList<>();
        for (String each : tokens) {
            matchers.add(parse(each));
        }
        return matchers;
    }

    /** Parses one matcher such as {@code severity="critical"}. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher parts = MATCHER.matcher(text);
        if (!parts.matches()) {
            throw new InvalidMatcherException("bad matcher format: " + text);
        }
        String raw = parts.group(3);
        boolean expectTrailingQuote = raw.startsWith("\"");
        String rawValue = expectTrailingQuote ? raw.substring(1) : raw;
        StringBuilder value = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            if (c == '\\') {
                if (i < rawValue.length() - 1) {
                    escaped = true;
                } else {
                    value.append('\\');
                }
            } else if (c == '"') {
                if (!expectTrailingQuote || i < rawValue.length() - 1) {
                    throw new InvalidMatcherException("matcher value contains unescaped double quote: " + raw);
                }
                expectTrailingQuote = false;
            } else {
                value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw new InvalidMatcherException("matcher value contains unescaped double quote: " + raw);
        }
        return Matcher.of(parts.group(1), MatchType.ofSymbol(parts.group(2)), value.toString());
    }
}
