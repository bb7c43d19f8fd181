package io.opsplane.observability.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opsplane.observability.telemetry.Bodies;
import io.opsplane.observability.telemetry.LogFilter;
import io.opsplane.observability.telemetry.LogRow;
import io.opsplane.observability.telemetry.SpanRow;
import io.opsplane.observability.telemetry.SpanTree;
import io.opsplane.observability.telemetry.TelemetryIngest;
import io.opsplane.observability.telemetry.TelemetryRejected;
import io.opsplane.observability.telemetry.TelemetryStore;
import io.opsplane.observability.telemetry.TraceFilter;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.proto.observability.v1.GetTraceRequest;
import io.opsplane.proto.observability.v1.LogRecord;
import io.opsplane.proto.observability.v1.OtlpExportRequest;
import io.opsplane.proto.observability.v1.OtlpExportResponse;
import io.opsplane.proto.observability.v1.SearchLogsRequest;
import io.opsplane.proto.observability.v1.SearchLogsResponse;
import io.opsplane.proto.observability.v1.SearchSpansRequest;
import io.opsplane.proto.observability.v1.SearchSpansResponse;
import io.opsplane.proto.observability.v1.Span;
import io.opsplane.proto.observability.v1.SpanNode;
import io.opsplane.proto.observability.v1.Trace;
import io.opsplane.proto.observability.v1.TelemetryService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** gRPC adapter of OTLP traces and logs: relayed exports, a trace as a tree, searches. */
@GrpcService
public class TelemetryGrpcService implements TelemetryService {

    /** The most spans one trace answer holds. */
    static final int MAX_TRACE_SPANS = 10_000;

    @Inject
    TelemetryIngest ingest;

    @Inject
    TelemetryStore store;

    @Override
    public Uni<OtlpExportResponse> exportTraces(OtlpExportRequest request) {
        return Uni.createFrom().deferred(() -> ingest.traces(parse(request, ExportTraceServiceRequest::parseFrom,
                "ExportTraceServiceRequest"))).map(result -> {
                    ExportTraceServiceResponse.Builder otlp = ExportTraceServiceResponse.newBuilder();
                    if (result.rejected() > 0) {
                        otlp.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                                .setRejectedSpans(result.rejected()).setErrorMessage(result.message()));
                    }
                    return OtlpExportResponse.newBuilder().setOtlpResponse(otlp.build().toByteString())
                            .setRejected(result.rejected()).setErrorMessage(result.message()).build();
                }).onFailure().transform(TelemetryGrpcService::status);
    }

    @Override
    public Uni<OtlpExportResponse> exportLogs(OtlpExportRequest request) {
        return Uni.createFrom().deferred(() -> ingest.logs(parse(request, ExportLogsServiceRequest::parseFrom,
                "ExportLogsServiceRequest"))).map(result -> {
                    ExportLogsServiceResponse.Builder otlp = ExportLogsServiceResponse.newBuilder();
                    if (result.rejected() > 0) {
                        otlp.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                .setRejectedLogRecords(result.rejected()).setErrorMessage(result.message()));
                    }
                    return OtlpExportResponse.newBuilder().setOtlpResponse(otlp.build().toByteString())
                            .setRejected(result.rejected()).setErrorMessage(result.message()).build();
                }).onFailure().transform(TelemetryGrpcService::status);
    }

    @Override
    public Uni<Trace> getTrace(GetTraceRequest request) {
        return Uni.createFrom().deferred(() -> {
            String id = request.getTraceId().strip().toLowerCase(java.util.Locale.ROOT);
            if (!id.matches("[0-9a-f]{32}")) {
                throw DomainException.invalid("traceId must be 32 hex digits");
            }
            return store.trace(id, MAX_TRACE_SPANS).map(rows -> {
                if (rows.isEmpty()) {
                    throw DomainException.notFound("no span of trace " + id + " is stored");
                }
                Trace.Builder trace = Trace.newBuilder().setTraceId(id).setSpanCount(rows.size());
                SpanTree.of(rows).forEach(node -> trace.addRoots(node(node)));
                return trace.build();
            });
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<SearchSpansResponse> searchSpans(SearchSpansRequest request) {
        return Uni.createFrom().deferred(() -> store.search(new TraceFilter(request.getService(),
                request.getOperation(), request.hasMinDuration() ? duration(request.getMinDuration()) : null,
                request.hasMaxDuration() ? duration(request.getMaxDuration()) : null, request.getStatus(),
                request.hasStart() ? instant(request.getStart()) : null,
                request.hasEnd() ? instant(request.getEnd()) : null, request.getAttributeKey(),
                request.getAttributeValue(), request.getLimit(), request.getPageToken())))
                .map(page -> SearchSpansResponse.newBuilder().addAllSpans(page.items().stream()
                        .map(TelemetryGrpcService::span).toList()).setNextPageToken(page.nextPageToken()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<SearchLogsResponse> searchLogs(SearchLogsRequest request) {
        return Uni.createFrom().deferred(() -> store.search(new LogFilter(request.getService(),
                request.getMinSeverity(), request.getText(), request.getTraceId(),
                request.hasStart() ? instant(request.getStart()) : null,
                request.hasEnd() ? instant(request.getEnd()) : null, request.getLimit())))
                .map(rows -> SearchLogsResponse.newBuilder().addAllRecords(rows.stream()
                        .map(TelemetryGrpcService::record).toList()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    interface Parser<T> {
        T parse(byte[] body) throws InvalidProtocolBufferException;
    }

    private <T> T parse(OtlpExportRequest request, Parser<T> parser, String name) {
        int limit = ingest.limits().maxBodyBytes();
        byte[] body = request.getBody().toByteArray();
        if (body.length > limit) {
            throw new TelemetryRejected(413, "the body is " + body.length + " bytes, more than the " + limit
                    + " allowed");
        }
        if (request.getGzip()) {
            body = Bodies.gunzip(body, limit);
        }
        try {
            return parser.parse(body);
        } catch (InvalidProtocolBufferException e) {
            throw new TelemetryRejected(400, "the body is not an OTLP " + name + " in protobuf: " + e.getMessage());
        }
    }

    private static Throwable status(Throwable failure) {
        if (failure instanceof TelemetryRejected rejected) {
            return (rejected.status() == 413 ? Status.RESOURCE_EXHAUSTED : Status.INVALID_ARGUMENT)
                    .withDescription(rejected.getMessage()).asRuntimeException();
        }
        return GrpcErrors.toStatus(failure);
    }

    private static SpanNode node(SpanTree.Node node) {
        SpanNode.Builder out = SpanNode.newBuilder().setSpan(span(node.span()));
        node.children().forEach(child -> out.addChildren(node(child)));
        return out.build();
    }

    static Span span(SpanRow row) {
        return Span.newBuilder().setTraceId(row.traceId()).setSpanId(row.spanId()).setParentSpanId(row.parentSpanId())
                .setService(row.service()).setOperation(row.operation()).setKind(row.kind())
                .setStartTime(timestamp(row.startNanos())).setDuration(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(row.durationNanos() / 1_000_000_000L)
                        .setNanos((int) (row.durationNanos() % 1_000_000_000L)))
                .setStatus(row.status()).setStatusMessage(row.statusMessage())
                .setAttributes(struct(row.attributesJson())).setDroppedAttributes(row.droppedAttributes())
                .setEvents(list(row.eventsJson())).build();
    }

    private static LogRecord record(LogRow row) {
        return LogRecord.newBuilder().setTime(timestamp(row.timeNanos())).setObservedTime(timestamp(row.observedNanos()))
                .setService(row.service()).setSeverityNumber(row.severityNumber()).setSeverityText(row.severityText())
                .setBody(row.body()).setTraceId(row.traceId()).setSpanId(row.spanId())
                .setAttributes(struct(row.attributesJson())).setDroppedAttributes(row.droppedAttributes()).build();
    }

    private static com.google.protobuf.Timestamp timestamp(long nanos) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)).build();
    }

    private static Struct struct(String json) {
        Struct.Builder struct = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, struct);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored attributes are not a JSON object", e);
        }
        return struct.build();
    }

    private static ListValue list(String json) {
        ListValue.Builder list = ListValue.newBuilder();
        try {
            JsonFormat.parser().merge(json, list);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored events are not a JSON array", e);
        }
        return list.build();
    }

    private static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
