package io.opsplane.observability.grpc;

import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opsplane.observability.telemetry.TelemetryIngest;
import io.opsplane.observability.telemetry.TelemetryRejected;
import io.opsplane.platform.grpc.GrpcErrors;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/**
 * OTLP/gRPC: {@value #TRACES}/Export and {@value #LOGS}/Export, the standard services OpenTelemetry exporters call.
 * Their .proto files carry no permission option; the platform's admission maps exactly these two methods to
 * {@code metrics:ingest} (PermissionCatalog.requiredByForeign). Refusals: INVALID_ARGUMENT (NUL, a value over the
 * refusal size), RESOURCE_EXHAUSTED (more items than allowed); nothing stored then.
 */
final class OtlpGrpcServices {

    static final String TRACES = "opentelemetry.proto.collector.trace.v1.TraceService";
    static final String LOGS = "opentelemetry.proto.collector.logs.v1.LogsService";

    private OtlpGrpcServices() {
    }

    static <Q extends Message, R extends Message> ServerServiceDefinition unary(String service, Q request,
            R response, Function<Q, Uni<R>> handler) {
        MethodDescriptor<Q, R> export = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response)).build();
        return ServerServiceDefinition.builder(service).addMethod(export, ServerCalls.asyncUnaryCall(
                (Q in, StreamObserver<R> out) -> handler.apply(in).subscribe().with(answer -> {
                    out.onNext(answer);
                    out.onCompleted();
                }, failure -> out.onError(status(failure))))).build();
    }

    static Throwable status(Throwable failure) {
        if (failure instanceof TelemetryRejected rejected) {
            return (rejected.status() == 413 ? Status.RESOURCE_EXHAUSTED : Status.INVALID_ARGUMENT)
                    .withDescription(rejected.getMessage()).asRuntimeException();
        }
        return GrpcErrors.toStatus(failure);
    }

    /** opentelemetry.proto.collector.trace.v1.TraceService. */
    @io.quarkus.grpc.GrpcService
    public static class Traces implements BindableService {

        @jakarta.inject.Inject
        TelemetryIngest ingest;

        @Override
        public ServerServiceDefinition bindService() {
            return unary(TRACES, ExportTraceServiceRequest.getDefaultInstance(),
                    ExportTraceServiceResponse.getDefaultInstance(), request -> ingest.traces(request).map(result -> {
                        ExportTraceServiceResponse.Builder answer = ExportTraceServiceResponse.newBuilder();
                        if (result.rejected() > 0) {
                            answer.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                                    .setRejectedSpans(result.rejected()).setErrorMessage(result.message()));
                        }
                        return answer.build();
                    }));
        }
    }

    /** opentelemetry.proto.collector.logs.v1.LogsService. */
    @io.quarkus.grpc.GrpcService
    public static class Logs implements BindableService {

        @jakarta.inject.Inject
        TelemetryIngest ingest;

        @Override
        public ServerServiceDefinition bindService() {
            return unary(LOGS, ExportLogsServiceRequest.getDefaultInstance(),
                    ExportLogsServiceResponse.getDefaultInstance(), request -> ingest.logs(request).map(result -> {
                        ExportLogsServiceResponse.Builder answer = ExportLogsServiceResponse.newBuilder();
                        if (result.rejected() > 0) {
                            answer.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                    .setRejectedLogRecords(result.rejected()).setErrorMessage(result.message()));
                        }
                        return answer.build();
                    }));
        }
    }
}
