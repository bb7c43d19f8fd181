package io.opsplane.observability.grpc;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.opsplane.observability.config.MetricsConfig;
import io.opsplane.observability.metrics.MetricsStoreException;
import io.opsplane.observability.metrics.PrometheusClient;
import io.opsplane.observability.metrics.RemoteWriter;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.BuildInfoRequest;
import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.proto.observability.v1.LabelValuesRequest;
import io.opsplane.proto.observability.v1.LabelsRequest;
import io.opsplane.proto.observability.v1.LabelsResult;
import io.opsplane.proto.observability.v1.MetricsService;
import io.opsplane.proto.observability.v1.QueryRangeRequest;
import io.opsplane.proto.observability.v1.QueryRequest;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.SeriesRequest;
import io.opsplane.proto.observability.v1.SeriesResult;
import io.opsplane.proto.observability.v1.WriteRequest;
import io.opsplane.proto.observability.v1.WriteResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * gRPC adapter of PromQL over the metrics store: request message to {@link PrometheusClient} call (on a
 * worker thread: the store is called over blocking HTTP), failures to the status the contract names.
 */
@GrpcService
public class MetricsGrpcService implements MetricsService {

    @Inject
    MetricsConfig config;

    /** The largest pushed body passed on: Prometheus's own senders stay far below it, and it fits a gRPC call. */
    public static final int MAX_WRITE_BYTES = 3 * 1024 * 1024;

    private PrometheusClient store;
    private RemoteWriter writer;

    @PostConstruct
    void init() {
        store = new PrometheusClient(config.url(), config.queryTimeout(), config.maxSamples(), config.connectTimeout());
        writer = new RemoteWriter(config.url(), config.queryTimeout(), config.connectTimeout());
    }

    @Override
    public Uni<WriteResponse> write(WriteRequest request) {
        return call(() -> {
            int size = request.getBody().size();
            if (size == 0 || size > MAX_WRITE_BYTES) {
                throw new MetricsStoreException(MetricsStoreException.Kind.BAD_DATA, "a remote-write body holds 1 to "
                        + MAX_WRITE_BYTES + " bytes, not " + size);
            }
            writer.writeEncoded(request.getBody().toByteArray(), request.getRemoteWriteVersion().isBlank()
                    ? io.opsplane.platform.remotewrite.RemoteWriteBody.VERSION : request.getRemoteWriteVersion());
            return WriteResponse.getDefaultInstance();
        });
    }

    @Override
    public Uni<QueryResult> query(QueryRequest request) {
        return call(() -> store.query(request.getQuery(), request.hasTime() ? Timestamps.toInstant(request.getTime())
                : null, duration(request.hasTimeout(), request.getTimeout())));
    }

    @Override
    public Uni<QueryResult> queryRange(QueryRangeRequest request) {
        return call(() -> store.queryRange(request.getQuery(),
                request.hasStart() ? Timestamps.toInstant(request.getStart()) : null,
                request.hasEnd() ? Timestamps.toInstant(request.getEnd()) : null,
                duration(request.hasStep(), request.getStep()), duration(request.hasTimeout(), request.getTimeout())));
    }

    @Override
    public Uni<SeriesResult> series(SeriesRequest request) {
        return call(() -> store.series(request.getMatchList(),
                request.hasStart() ? Timestamps.toInstant(request.getStart()) : null,
                request.hasEnd() ? Timestamps.toInstant(request.getEnd()) : null));
    }

    @Override
    public Uni<LabelsResult> labels(LabelsRequest request) {
        return call(() -> store.labels(request.getMatchList(),
                request.hasStart() ? Timestamps.toInstant(request.getStart()) : null,
                request.hasEnd() ? Timestamps.toInstant(request.getEnd()) : null));
    }

    @Override
    public Uni<LabelsResult> labelValues(LabelValuesRequest request) {
        return call(() -> store.labelValues(request.getName(), request.getMatchList(),
                request.hasStart() ? Timestamps.toInstant(request.getStart()) : null,
                request.hasEnd() ? Timestamps.toInstant(request.getEnd()) : null));
    }

    @Override
    public Uni<BuildInfoResult> buildInfo(BuildInfoRequest request) {
        return call(store::buildInfo);
    }

    private static java.time.Duration duration(boolean present, Duration duration) {
        if (!present) {
            return null;
        }
        if (duration.getSeconds() < 0 || duration.getNanos() < 0) {
            throw new MetricsStoreException(MetricsStoreException.Kind.BAD_DATA, "durations must not be negative");
        }
        return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    private static <T> Uni<T> call(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(MetricsGrpcService::status);
    }

    static Throwable status(Throwable failure) {
        if (!(failure instanceof MetricsStoreException store)) {
            return GrpcErrors.toStatus(failure);
        }
        Status status = switch (store.kind()) {
            case BAD_DATA -> Status.INVALID_ARGUMENT;
            case EXECUTION -> Status.FAILED_PRECONDITION;
            case TIMEOUT -> Status.DEADLINE_EXCEEDED;
            case CANCELED -> Status.CANCELLED;
            case TOO_LARGE -> Status.RESOURCE_EXHAUSTED;
            case NOT_FOUND -> Status.NOT_FOUND;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case INTERNAL -> Status.INTERNAL;
        };
        return status.withDescription(store.getMessage()).asRuntimeException();
    }
}
