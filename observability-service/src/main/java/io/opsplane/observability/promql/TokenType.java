package io.opsplane.observability.promql;

/** Token kinds of the PromQL lexer; the category decides how an unexpected token is described. */
enum TokenType {
    EOF(Category.OTHER, null),
    ERROR(Category.OTHER, null),
    IDENTIFIER(Category.OTHER, null),
    METRIC_IDENTIFIER(Category.OTHER, null),
    NUMBER(Category.OTHER, null),
    STRING(Category.OTHER, null),
    DURATION(Category.OTHER, null),

    LEFT_PAREN(Category.PUNCTUATION, "("),
    RIGHT_PAREN(Category.PUNCTUATION, ")"),
    LEFT_BRACE(Category.PUNCTUATION, "{"),
    RIGHT_BRACE(Category.PUNCTUATION, "}"),
    LEFT_BRACKET(Category.PUNCTUATION, "["),
    RIGHT_BRACKET(Category.PUNCTUATION, "]"),
    COMMA(Category.PUNCTUATION, ","),
    EQL(Category.PUNCTUATION, "="),
    COLON(Category.PUNCTUATION, ":"),

    ADD(Category.OPERATOR, "+"),
    SUB(Category.OPERATOR, "-"),
    MUL(Category.OPERATOR, "*"),
    DIV(Category.OPERATOR, "/"),
    MOD(Category.OPERATOR, "%"),
    POW(Category.OPERATOR, "^"),
    EQLC(Category.OPERATOR, "=="),
    NEQ(Category.OPERATOR, "!="),
    LTE(Category.OPERATOR, "<="),
    LSS(Category.OPERATOR, "<"),
    GTE(Category.OPERATOR, ">="),
    GTR(Category.OPERATOR, ">"),
    EQL_REGEX(Category.OPERATOR, "=~"),
    NEQ_REGEX(Category.OPERATOR, "!~"),
    AT(Category.OPERATOR, "@"),
    LAND(Category.OPERATOR, "and"),
    LOR(Category.OPERATOR, "or"),
    LUNLESS(Category.OPERATOR, "unless"),
    ATAN2(Category.OPERATOR, "atan2"),

    AVG(Category.AGGREGATOR, "avg"),
    BOTTOMK(Category.AGGREGATOR, "bottomk"),
    COUNT(Category.AGGREGATOR, "count"),
    COUNT_VALUES(Category.AGGREGATOR, "count_values"),
    GROUP(Category.AGGREGATOR, "group"),
    MAX(Category.AGGREGATOR, "max"),
    MIN(Category.AGGREGATOR, "min"),
    QUANTILE(Category.AGGREGATOR, "quantile"),
    STDDEV(Category.AGGREGATOR, "stddev"),
    STDVAR(Category.AGGREGATOR, "stdvar"),
    SUM(Category.AGGREGATOR, "sum"),
    TOPK(Category.AGGREGATOR, "topk"),

    BOOL(Category.KEYWORD, "bool"),
    BY(Category.KEYWORD, "by"),
    GROUP_LEFT(Category.KEYWORD, "group_left"),
    GROUP_RIGHT(Category.KEYWORD, "group_right"),
    IGNORING(Category.KEYWORD, "ignoring"),
    OFFSET(Category.KEYWORD, "offset"),
    ON(Category.KEYWORD, "on"),
    WITHOUT(Category.KEYWORD, "without"),

    START(Category.PREPROCESSOR, "start"),
    END(Category.PREPROCESSOR, "end");

    enum Category { OTHER, PUNCTUATION, OPERATOR, AGGREGATOR, KEYWORD, PREPROCESSOR }

    final Category category;
    /** The spelling for fixed tokens (lower case for words); null for tokens that carry a value. */
    final String text;

    TokenType(Category category, String text) {
        this.category = category;
        this.text = text;
    }

    boolean isAggregator() {
        return category == Category.AGGREGATOR;
    }

    boolean takesAggregationParameter() {
        return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE;
    }

    boolean isComparison() {
        return this == EQLC || this == NEQ || this == LTE || this == LSS || this == GTE || this == GTR;
    }

    boolean isSetOperator() {
        return this == LAND || this == LOR || this == LUNLESS;
    }

    /** Words that may also name a metric at the start of a selector (Prometheus's metric_identifier). */
    boolean canNameMetric() {
        return switch (this) {
            case IDENTIFIER, METRIC_IDENTIFIER, AVG, BOTTOMK, BY, COUNT, COUNT_VALUES, GROUP, LAND, LOR, LUNLESS,
                    MAX, MIN, OFFSET, QUANTILE, STDDEV, STDVAR, SUM, TOPK, WITHOUT, START, END -> true;
            default -> false;
        };
    }

    /** Words the lexer makes keywords that may still be label names in grouping lists (Prometheus's maybe_label). */
    boolean canNameGroupingLabel() {
        return switch (this) {
            case AVG, BOOL, BOTTOMK, BY, COUNT, COUNT_VALUES, GROUP, GROUP_LEFT, GROUP_RIGHT, IDENTIFIER, IGNORING,
                    LAND, LOR, LUNLESS, MAX, METRIC_IDENTIFIER, MIN, OFFSET, ON, QUANTILE, STDDEV, STDVAR, SUM, TOPK,
                    START, END, ATAN2 -> true;
            default -> false;
        };
    }
}
