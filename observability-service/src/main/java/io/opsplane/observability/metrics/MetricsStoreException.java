package io.opsplane.observability.metrics;

/**
 * A query the metrics store refused or could not answer. The message is the store's own where it gave
 * one (so a parse error keeps its position, "1:8: parse error: ..."); the kind says whose fault it is.
 */
public class MetricsStoreException extends RuntimeException {

    /** The kinds of failure, after the store's {@code errorType}s plus the limits of this service. */
    public enum Kind {
        /** The query or a parameter is wrong ({@code bad_data}). */
        BAD_DATA,
        /** The query failed while it ran ({@code execution}). */
        EXECUTION,
        /** The query ran out of time ({@code timeout}, or no answer within the timeout). */
        TIMEOUT,
        /** The query was cancelled ({@code canceled}). */
        CANCELED,
        /** The answer holds more samples (or series, or values) than the limit. */
        TOO_LARGE,
        /** The store does not serve the endpoint ({@code not_found}). */
        NOT_FOUND,
        /** The store does not answer, or answers something that is not its API ({@code unavailable}). */
        UNAVAILABLE,
        /** The store failed ({@code internal}). */
        INTERNAL
    }

    private final Kind kind;

    public MetricsStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MetricsStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The kind of a store's {@code errorType}; an unknown one is the store's failure. */
    public static Kind kindOf(String errorType) {
        return switch (errorType == null ? "" : errorType) {
            case "bad_data" -> Kind.BAD_DATA;
            case "execution" -> Kind.EXECUTION;
            case "timeout" -> Kind.TIMEOUT;
            case "canceled" -> Kind.CANCELED;
            case "not_found" -> Kind.NOT_FOUND;
            case "unavailable" -> Kind.UNAVAILABLE;
            // VictoriaMetrics names the HTTP status instead: 400 and 422 for a query or parameter it refuses
            // (a parse error, too many points), 503 and 504 when it cannot answer now.
            case "400", "422" -> Kind.BAD_DATA;
            case "503" -> Kind.UNAVAILABLE;
            case "504" -> Kind.TIMEOUT;
            default -> Kind.INTERNAL;
        };
    }
}
