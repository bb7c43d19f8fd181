package io.opsplane.gateway.rest;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.proto.observability.v1.GetTraceRequest;
import io.opsplane.proto.observability.v1.SearchLogsRequest;
import io.opsplane.proto.observability.v1.SearchSpansRequest;
import io.opsplane.proto.observability.v1.TelemetryServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Searches of the traces and logs observability-service keeps: a trace by id as a span tree, span search, log
 * search. Bodies are the proto JSON mapping of its TelemetryService messages; OTLP pushes are {@link OtlpResource}.
 */
@Path("/api/v1")
@Tag(name = "Traces and logs", description = "OTLP traces and logs kept by observability-service")
public class TelemetryResource {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    @GrpcClient("metrics")
    TelemetryServiceGrpc.TelemetryServiceBlockingStub telemetry;

    @Inject
    ServiceCalls calls;

    @GET
    @Path("/traces/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "metrics:read")
    @Operation(summary = "A trace by id, as a span tree", description = "{traceId, spanCount, roots: [{span, "
            + "children: [...]}]}; children by start time; a span whose parent was not received is a root.")
    @APIResponse(responseCode = "200", description = "The trace")
    @APIResponse(responseCode = "400", description = "The id is not 32 hex digits")
    @APIResponse(responseCode = "404", description = "No span of that trace is stored")
    public Response trace(@PathParam("id") String id, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        String correlationId = Correlation.resolve(correlationHeader);
        return json(correlationId, calls.read(correlationId, telemetry, stub -> stub.getTrace(
                GetTraceRequest.newBuilder().setTraceId(id).build())));
    }

    @GET
    @Path("/traces")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "metrics:read")
    @Operation(summary = "Search spans", description = "Spans matching every given condition, newest first: "
            + "{spans: [...], nextPageToken}. Pass nextPageToken as pageToken for the next page.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the message names it")
    public Response searchTraces(@QueryParam("service") String service,
            @QueryParam("operation") String operation,
            @Parameter(description = "e.g. 250ms, 2s (also ISO-8601, PT0.25S)") @QueryParam("minDuration") String min,
            @QueryParam("maxDuration") String max,
            @Parameter(description = "ok or error") @QueryParam("status") String status,
            @Parameter(description = "RFC 3339; default an hour before end") @QueryParam("start") String start,
            @Parameter(description = "RFC 3339; default now") @QueryParam("end") String end,
            @Parameter(description = "key=value: a span attribute") @QueryParam("attribute") String attribute,
            @Parameter(description = "1-1000, default 20") @QueryParam("limit") String limit,
            @QueryParam("pageToken") String pageToken, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        SearchSpansRequest.Builder request = SearchSpansRequest.newBuilder().setService(orEmpty(service))
                .setOperation(orEmpty(operation)).setLimit(QueryParams.count("limit", limit))
                .setPageToken(orEmpty(pageToken));
        if (min != null && !min.isBlank()) {
            request.setMinDuration(duration("minDuration", min));
        }
        if (max != null && !max.isBlank()) {
            request.setMaxDuration(duration("maxDuration", max));
        }
        if (status != null && !status.isBlank()) {
            request.setStatus(switch (status.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "ok" -> 1;
                case "error" -> 2;
                default -> throw new IllegalArgumentException("status must be ok or error, not '" + status + "'");
            });
        }
        if (start != null && !start.isBlank()) {
            request.setStart(timestamp("start", start));
        }
        if (end != null && !end.isBlank()) {
            request.setEnd(timestamp("end", end));
        }
        if (attribute != null && !attribute.isEmpty()) {
            int equals = attribute.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("attribute must be key=value");
            }
            request.setAttributeKey(attribute.substring(0, equals)).setAttributeValue(attribute.substring(equals + 1));
        }
        String correlationId = Correlation.resolve(correlationHeader);
        return json(correlationId, calls.read(correlationId, telemetry, stub -> stub.searchSpans(request.build())));
    }

    @GET
    @Path("/logs")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = Permissions.EXTENSION, value = "metrics:read")
    @Operation(summary = "Search log records", description = "Records matching every given condition, newest "
            + "first: {records: [...]}.")
    @APIResponse(responseCode = "200", description = "The records")
    @APIResponse(responseCode = "400", description = "A parameter is wrong; the message names it")
    public Response searchLogs(@QueryParam("service") String service,
            @Parameter(description = "trace, debug, info, warn, error, fatal, or an OTLP severity number 1-24; "
                    + "records at or above it") @QueryParam("severity") String severity,
            @Parameter(description = "a part of the body, case-insensitive") @QueryParam("text") String text,
            @QueryParam("traceId") String traceId, @QueryParam("start") String start,
            @QueryParam("end") String end, @Parameter(description = "1-1000, default 100") @QueryParam("limit")
            String limit, @HeaderParam(Correlation.HEADER) String correlationHeader) {
        SearchLogsRequest.Builder request = SearchLogsRequest.newBuilder().setService(orEmpty(service))
                .setText(orEmpty(text)).setTraceId(orEmpty(traceId)).setLimit(QueryParams.count("limit", limit))
                .setMinSeverity(severity(severity));
        if (start != null && !start.isBlank()) {
            request.setStart(timestamp("start", start));
        }
        if (end != null && !end.isBlank()) {
            request.setEnd(timestamp("end", end));
        }
        String correlationId = Correlation.resolve(correlationHeader);
        return json(correlationId, calls.read(correlationId, telemetry, stub -> stub.searchLogs(request.build())));
    }

    private static Response json(String correlationId, Message message) {
        try {
            return Response.ok(JSON.print(message), MediaType.APPLICATION_JSON)
                    .header(Correlation.HEADER, correlationId).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    static int severity(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "trace" -> 1;
            case "debug" -> 5;
            case "info" -> 9;
            case "warn", "warning" -> 13;
            case "error" -> 17;
            case "fatal" -> 21;
            default -> {
                int number = QueryParams.wholeNumber("severity", value, 0);
                if (number < 1 || number > 24) {
                    throw new IllegalArgumentException("severity must be trace, debug, info, warn, error, fatal or "
                            + "1-24, not '" + value + "'");
                }
                yield number;
            }
        };
    }

    static com.google.protobuf.Duration duration(String name, String value) {
        String text = value.strip();
        Duration duration;
        try {
            if (text.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                duration = Duration.parse(text);
            } else if (text.endsWith("ms")) {
                duration = Duration.ofNanos(Math.round(Double.parseDouble(text.substring(0, text.length() - 2)) * 1e6));
            } else if (text.endsWith("us") || text.endsWith("µs")) {
                duration = Duration.ofNanos(Math.round(Double.parseDouble(text.substring(0, text.length() - 2)) * 1e3));
            } else if (text.endsWith("s")) {
                duration = Duration.ofNanos(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1e9));
            } else {
                throw new IllegalArgumentException(name + " must be a duration such as 250ms or 2s");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 250ms or 2s");
        }
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds())
                .setNanos(duration.getNano()).build();
    }

    static Timestamp timestamp(String name, String value) {
        try {
            Instant instant = Instant.parse(value.strip());
            return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
