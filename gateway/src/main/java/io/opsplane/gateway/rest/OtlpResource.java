package io.opsplane.gateway.rest;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.OtlpExportRequest;
import io.opsplane.proto.observability.v1.OtlpExportResponse;
import io.opsplane.proto.observability.v1.TelemetryServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OTLP/HTTP protobuf traces and logs pushed through the gateway with a token ({@code /otlp/v1/traces},
 * {@code /otlp/v1/logs}), handed to observability-service's TelemetryService.
 */
@Path("/otlp/v1")
@Tag(name = "Traces and logs", description = "OTLP traces and logs kept by observability-service")
public class OtlpResource {

    private static final String PROTOBUF = "application/x-protobuf";

    @GrpcClient("metrics")
    TelemetryServiceGrpc.TelemetryServiceBlockingStub telemetry;

    @Inject
    ServiceCalls calls;

    @POST
    @Path("/traces")
    @Consumes(MediaType.WILDCARD)
    @Produces({PROTOBUF, "application/problem+json"})
    @Extension(name = Permissions.EXTENSION, value = "metrics:ingest")
    @Operation(summary = "Push spans (OTLP/HTTP protobuf)", description = "An ExportTraceServiceRequest, as "
            + "OpenTelemetry SDKs and collectors send it (endpoint <gateway>/otlp, protocol http/protobuf, header "
            + "Authorization: Bearer <token with metrics:ingest>); gzip allowed. The answer is an "
            + "ExportTraceServiceResponse with OTLP's partial success for spans refused one by one.")
    @APIResponse(responseCode = "200", description = "Stored (see partial_success for refused spans)")
    @APIResponse(responseCode = "400", description = "Not OTLP protobuf, a NUL, a value over the refusal size; "
            + "nothing stored")
    @APIResponse(responseCode = "413", description = "Over the body limit (1 MiB at the gateway) or the spans "
            + "per request; nothing stored")
    @APIResponse(responseCode = "415", description = "Not application/x-protobuf (OTLP/JSON is not accepted), or "
            + "an encoding other than gzip")
    public Response traces(byte[] body, @HeaderParam("Content-Type") String type,
            @HeaderParam("Content-Encoding") String encoding, @HeaderParam(Correlation.HEADER) String correlation) {
        return export(body, type, encoding, correlation, TelemetryServiceGrpc.TelemetryServiceBlockingStub::exportTraces);
    }

    @POST
    @Path("/logs")
    @Consumes(MediaType.WILDCARD)
    @Produces({PROTOBUF, "application/problem+json"})
    @Extension(name = Permissions.EXTENSION, value = "metrics:ingest")
    @Operation(summary = "Push log records (OTLP/HTTP protobuf)", description = "An ExportLogsServiceRequest; "
            + "as for traces.")
    @APIResponse(responseCode = "200", description = "Stored (see partial_success for refused records)")
    @APIResponse(responseCode = "400", description = "Not OTLP protobuf, a NUL, a value over the refusal size")
    @APIResponse(responseCode = "413", description = "Over the body or record limit; nothing stored")
    @APIResponse(responseCode = "415", description = "Not application/x-protobuf, or an encoding other than gzip")
    public Response logs(byte[] body, @HeaderParam("Content-Type") String type,
            @HeaderParam("Content-Encoding") String encoding, @HeaderParam(Correlation.HEADER) String correlation) {
        return export(body, type, encoding, correlation, TelemetryServiceGrpc.TelemetryServiceBlockingStub::exportLogs);
    }

    private Response export(byte[] body, String type, String encoding, String correlation,
            java.util.function.BiFunction<TelemetryServiceGrpc.TelemetryServiceBlockingStub, OtlpExportRequest,
                    OtlpExportResponse> call) {
        String correlationId = Correlation.resolve(correlation);
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals(PROTOBUF)) {
            return problem(415, media.equals("application/json") ? "OTLP/JSON is not accepted here: send OTLP/HTTP "
                    + "protobuf (Content-Type: application/x-protobuf)" : "Content-Type must be "
                    + "application/x-protobuf (OTLP/HTTP protobuf)", correlationId);
        }
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (!gzip && encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return problem(415, "Content-Encoding must be gzip or none", correlationId);
        }
        OtlpExportRequest request = OtlpExportRequest.newBuilder()
                .setBody(ByteString.copyFrom(body == null ? new byte[0] : body)).setGzip(gzip).build();
        try {
            OtlpExportResponse response = calls.write(correlationId, telemetry, stub -> call.apply(stub, request));
            return Response.ok(response.getOtlpResponse().toByteArray(), PROTOBUF)
                    .header(Correlation.HEADER, correlationId).build();
        } catch (StatusRuntimeException e) {
            int status = switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> 400;
                case RESOURCE_EXHAUSTED -> 413;
                case UNAUTHENTICATED -> 401;
                case PERMISSION_DENIED -> 403;
                case DEADLINE_EXCEEDED, UNAVAILABLE -> 503;
                default -> 500;
            };
            return problem(status, e.getStatus().getDescription() == null ? e.getStatus().getCode().name()
                    : e.getStatus().getDescription(), correlationId);
        }
    }

    private static Response problem(int status, String detail, String correlationId) {
        String body = "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":"
                + quoted(detail) + "}";
        return Response.status(status).type("application/problem+json").entity(body)
                .header(Correlation.HEADER, correlationId).build();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
