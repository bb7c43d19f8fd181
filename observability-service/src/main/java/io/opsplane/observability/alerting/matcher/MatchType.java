package io.opsplane.observability.alerting.matcher;

/** The four Alertmanager matcher operators, in Alertmanager's sort order. */
public enum MatchType {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEXP("=~"),
    NOT_REGEXP("!~");

    private final String symbol;

    MatchType(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    static MatchType ofSymbol(String symbol) {
        for (MatchType type : values()) {
            if (type.symbol.equals(symbol)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown matcher operator " + symbol);
    }
}
