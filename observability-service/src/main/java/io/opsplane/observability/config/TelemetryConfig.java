package io.opsplane.observability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** OTLP traces and logs: how long they are kept and what one request may hold. */
@ConfigMapping(prefix = "opsplane.telemetry")
public interface TelemetryConfig {

    /** Spans and log records older than this are dropped, a day's partition at a time. */
    @WithDefault("P7D")
    Duration retention();

    /** Request body, compressed and uncompressed, in bytes. */
    @WithDefault("4194304")
    int maxBodyBytes();

    /** Spans, or log records, in one request. */
    @WithDefault("10000")
    int maxItemsPerRequest();

    /** Attributes kept per span, event or log record; the rest are dropped and counted. */
    @WithDefault("128")
    int maxAttributes();

    /** Events kept per span. */
    @WithDefault("128")
    int maxEvents();

    /** Characters kept of one attribute value, log body or status message; the rest is cut with a marker. */
    @WithDefault("4096")
    int maxValueChars();

    /** A single value longer than this (UTF-8 bytes) refuses the whole request. */
    @WithDefault("262144")
    int refuseValueBytes();
}
