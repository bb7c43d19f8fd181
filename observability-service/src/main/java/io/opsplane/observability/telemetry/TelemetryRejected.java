package io.opsplane.observability.telemetry;

/** A request refused whole, nothing stored: {@code status} is the HTTP status (400, 413, 415). */
public final class TelemetryRejected extends RuntimeException {

    private final int status;

    public TelemetryRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
