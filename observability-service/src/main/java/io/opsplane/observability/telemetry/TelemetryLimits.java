package io.opsplane.observability.telemetry;

/**
 * What one OTLP request may hold. Over a count limit the whole request is refused (nothing is stored); an
 * attribute value or log body over {@code maxValueChars} is truncated with a marker, one over
 * {@code refuseValueBytes} refuses the request; attributes past {@code maxAttributes} are dropped and counted.
 *
 * @param maxBodyBytes     the request body, compressed and uncompressed
 * @param maxItems         spans (or log records) in one request
 * @param maxAttributes    attributes kept per span, event or log record (resource attributes included)
 * @param maxEvents        events kept per span
 * @param maxValueChars    characters kept of one string value (attribute value, log body, status message)
 * @param refuseValueBytes a string value longer than this (in UTF-8 bytes) refuses the request
 */
public record TelemetryLimits(int maxBodyBytes, int maxItems, int maxAttributes, int maxEvents, int maxValueChars,
        int refuseValueBytes) {

    public static final TelemetryLimits DEFAULT = new TelemetryLimits(4 * 1024 * 1024, 10_000, 128, 128, 4096,
            256 * 1024);

    public TelemetryLimits {
        if (maxBodyBytes < 1 || maxItems < 1 || maxAttributes < 0 || maxEvents < 0 || maxValueChars < 16
                || refuseValueBytes < maxValueChars) {
            throw new IllegalArgumentException("telemetry limits out of range");
        }
    }
}
