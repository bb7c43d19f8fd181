package io.opsplane.observability.telemetry;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opsplane.observability.config.TelemetryConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Takes OTLP export requests (from OTLP/HTTP here, or relayed by the gateway), bounds them and stores each
 * whole; keeps the day partitions ahead of time and drops those past the retention, at start and hourly.
 */
@ApplicationScoped
public class TelemetryIngest {

    private static final Logger LOG = Logger.getLogger(TelemetryIngest.class);
    static final int DAYS_AHEAD = 2;

    @Inject
    TelemetryConfig config;

    @Inject
    TelemetryStore store;

    @Inject
    Vertx vertx;

    private TelemetryLimits limits;

    void start(@Observes StartupEvent ignored) {
        limits = new TelemetryLimits(config.maxBodyBytes(), config.maxItemsPerRequest(), config.maxAttributes(),
                config.maxEvents(), config.maxValueChars(), config.refuseValueBytes());
        maintain();
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> maintain());
    }

    private void maintain() {
        store.maintain(config.retention(), DAYS_AHEAD).subscribe().with(done -> {
        }, failure -> LOG.warnf("telemetry partitions not maintained: %s", failure.getMessage()));
    }

    public TelemetryLimits limits() {
        return limits;
    }

    /** Rows kept must land in a partition: from the retention's start to one day ahead. */
    private OtlpTranslator translator() {
        Instant now = Instant.now();
        Instant min = now.minus(config.retention()).plus(Duration.ofMinutes(5));
        Instant max = now.plus(Duration.ofDays(1));
        return new OtlpTranslator(limits, nanos(min), nanos(max));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Stores the acceptable spans in one statement; fails with {@link TelemetryRejected} for a refused request. */
    public Uni<Translated<SpanRow>> traces(ExportTraceServiceRequest request) {
        return Uni.createFrom().deferred(() -> {
            Translated<SpanRow> translated = translator().spans(request);
            return store.insertSpans(translated.rows()).replaceWith(translated);
        });
    }

    public Uni<Translated<LogRow>> logs(ExportLogsServiceRequest request) {
        return Uni.createFrom().deferred(() -> {
            Translated<LogRow> translated = translator().logs(request);
            return store.insertLogs(translated.rows()).replaceWith(translated);
        });
    }
}
