package io.opsplane.observability.promql;

/** One lexed token: its kind, its position (index into the query) and its text as written. */
record Token(TokenType type, int position, String text) {

    /** How Prometheus names a token in "unexpected ..." errors. */
    String describe() {
        return switch (type) {
            case EOF -> "end of input";
            case IDENTIFIER -> "identifier " + GoQuoting.quote(text);
            case METRIC_IDENTIFIER -> "metric identifier " + GoQuoting.quote(text);
            case NUMBER -> "number " + shortQuoted();
            case STRING -> "string " + shortQuoted();
            case DURATION -> "duration " + shortQuoted();
            case ERROR -> text;
            default -> switch (type.category) {
                case KEYWORD -> "<" + text + ">";
                case OPERATOR -> "<op:" + text + ">";
                case AGGREGATOR -> "<aggr:" + text + ">";
                default -> shortQuoted();
            };
        };
    }

    private String shortQuoted() {
        if (text.codePointCount(0, text.length()) > 10) {
            return GoQuoting.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
        }
        return GoQuoting.quote(text);
    }
}
